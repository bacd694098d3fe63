"""The Jupyter protocol conformance suite (jupyter_kernel_test 0.7, from PyPI via requirements.txt)
against the installed Java kernel.

Every test the suite offers has a sample here except two, which it skips: the pager (IJava has no
`?` help that pages) and clear_output (IJava's notebook functions have no clear); the kernel keeps
IJava's face, so notebooks written for it behave the same on both.
"""

import unittest

import jupyter_kernel_test

from project import KERNEL_NAME


class JavaKernelProtocolTest(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "Java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"uds" + "-" + "tcp"', "result": "uds-tcp"},
        {"code": "int x = 5;\nx * 2", "result": "10"},
    ]
    code_display_data = [
        {"code": 'display("hello");', "mime": "text/plain"},
        {"code": 'display("<b>bold</b>", "text/html");', "mime": "text/html"},
    ]
    completion_samples = [
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
        {"text": "%mav", "matches": {"maven", "mavenRepo"}},
    ]
    complete_code_samples = ["1 + 1", "int a = 3;", "void f() { }", "%maven a:b:1", "import java.util.*;"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "class A {", "int f(int a,"]
    invalid_code_samples = ["int x = 1 +* 2;", "int y = );"]

    code_history_pattern = "6 * ?"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.abs(1)"

    def test_incomplete_code_gets_an_indent(self):
        self.flush_channels()
        msg_id = self.kc.is_complete("for (int i = 0; i < 3; i++) {")
        reply = self.get_non_kernel_info_reply(timeout=jupyter_kernel_test.TIMEOUT)
        jupyter_kernel_test.validate_message(reply, "is_complete_reply", msg_id)
        self.assertEqual(reply["content"]["status"], "incomplete")
        self.assertEqual(reply["content"]["indent"], "    ")

    def test_update_display_data(self):
        self.flush_channels()
        reply, outputs = self.execute_helper(
            'String id = display("first");\nupdateDisplay(id, "second");'
        )
        self.assertEqual(reply["content"]["status"], "ok")
        kinds = [m["msg_type"] for m in outputs]
        self.assertIn("display_data", kinds)
        self.assertIn("update_display_data", kinds)
        shown = next(m for m in outputs if m["msg_type"] == "display_data")
        update = next(m for m in outputs if m["msg_type"] == "update_display_data")
        self.assertEqual(
            shown["content"]["transient"]["display_id"], update["content"]["transient"]["display_id"]
        )
        self.assertEqual(update["content"]["data"]["text/plain"], "second")

    def test_kernel_info_describes_ijava_s_face(self):
        self.flush_channels()
        self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=jupyter_kernel_test.TIMEOUT)
        info = reply["content"]["language_info"]
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(info["name"], "Java")
        self.assertEqual(info["file_extension"], ".jshell")


if __name__ == "__main__":
    unittest.main()
