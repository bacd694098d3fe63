package org.udsvstcp.bench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SymbolRulesTest {
  private static final SymbolRules RULES = SymbolRules.standard();

  /** The ends of each recorded fixture (its comment lines say the same). */
  private static final Map<String, Map<Long, String>> ENDS =
      Map.of(
          "tcp-64", Map.of(21855L, "server", 21858L, "client"),
          "tcp-65536", Map.of(21876L, "server", 21878L, "client"),
          "uds-64", Map.of(21895L, "server", 21897L, "client"),
          "uds-65536", Map.of(22002L, "server", 22004L, "client"));

  private static KernelTime fixture(String name) throws Exception {
    return KernelTime.of(PerfScript.parse(PerfScriptTest.fixture(name)), RULES, ENDS.get(name));
  }

  private static SymbolRules.Attribution attribute(String... frames) {
    return RULES.attribute(List.of(frames));
  }

  @Test
  void everyExactRuleDecidesItsOwnSymbolSoNoneIsHiddenByAnEarlierRule() {
    for (SymbolRules.Rule rule : RULES.rules()) {
      if (rule.match().equals("exact")) {
        assertEquals(rule, RULES.ruleFor(rule.pattern()).orElseThrow(), rule.toString());
      }
    }
  }

  @Test
  void aWakeUpUnderTheIrqRestoringUnlockCountsAsTheSchedulersAndAsMoved() {
    SymbolRules.Attribution a =
        attribute(
            "_raw_spin_unlock_irqrestore",
            "__wake_up_sync_key",
            "sock_def_readable",
            "tcp_data_queue",
            "tcp_rcv_established");
    assertEquals(KernelCategory.SCHEDULER, a.category());
    assertEquals(SymbolRules.How.SKID, a.how());
    assertEquals("__wake_up_sync_key", a.decidedBy());
  }

  @Test
  void theContextSwitchLandsInFinishTaskSwitchAndCountsAsTheSchedulers() {
    SymbolRules.Attribution a =
        attribute("finish_task_switch.isra.0", "__schedule", "schedule", "schedule_timeout");
    assertEquals(KernelCategory.SCHEDULER, a.category());
    assertEquals(SymbolRules.How.SKID, a.how());
    assertEquals("finish_task_switch", a.leaf(), "compiler suffixes removed");
  }

  @Test
  void softirqsRunAtBhEnableBelongToTheirCallerButAtInterruptExitToNoSocket() {
    SymbolRules.Attribution xmit =
        attribute(
            "handle_softirqs",
            "do_softirq.part.0",
            "__local_bh_enable_ip",
            "__dev_queue_xmit",
            "ip_finish_output2");
    assertEquals(KernelCategory.TCP_IP, xmit.category());
    assertEquals("__dev_queue_xmit", xmit.decidedBy());
    SymbolRules.Attribution timer =
        attribute(
            "handle_softirqs",
            "__irq_exit_rcu",
            "sysvec_apic_timer_interrupt",
            "asm_sysvec_apic_timer_interrupt",
            "_copy_to_iter");
    assertEquals(KernelCategory.OTHER, timer.category(), "not the interrupted copy");
  }

  @Test
  void helpersAndUnnamedFunctionsTakeTheirCallersCategory() {
    SymbolRules.Attribution lock =
        attribute("_raw_spin_lock_bh", "lock_sock_nested", "tcp_sendmsg");
    assertEquals(KernelCategory.TCP_IP, lock.category());
    assertEquals(SymbolRules.How.HELPER, lock.how());
    SymbolRules.Attribution unnamed = attribute("skb_push", "__tcp_transmit_skb");
    assertEquals(KernelCategory.TCP_IP, unnamed.category());
    assertEquals(SymbolRules.How.UNNAMED, unnamed.how());
    SymbolRules.Attribution nothing = attribute("mystery_function", "another_one");
    assertEquals(KernelCategory.OTHER, nothing.category());
    assertEquals("", nothing.decidedBy());
  }

  @Test
  void namesEachCategoryFromItsOwnFunctions() {
    assertEquals(
        KernelCategory.MITIGATION, attribute("srso_alias_return_thunk", "tcp_ack").category());
    assertEquals(
        KernelCategory.MITIGATION,
        attribute("__x86_indirect_thunk_rax", "sock_write_iter").category());
    assertEquals(
        KernelCategory.COPY, attribute("_copy_from_iter", "tcp_sendmsg_locked").category());
    assertEquals(
        KernelCategory.COPY, attribute("__check_object_size", "unix_stream_sendmsg").category());
    assertEquals(KernelCategory.UNIX, attribute("unix_stream_read_generic").category());
    assertEquals(
        KernelCategory.MEMORY, attribute("__memcg_slab_post_alloc_hook", "__alloc_skb").category());
    assertEquals(
        KernelCategory.MEMORY, attribute("unix_wfree", "skb_release_head_state").category());
    assertEquals(KernelCategory.SCHEDULER, attribute("unix_write_space", "sock_wfree").category());
    assertEquals(
        KernelCategory.SYSCALL,
        attribute("do_syscall_64", "entry_SYSCALL_64_after_hwframe").category());
    assertEquals(KernelCategory.TCP_IP, attribute("inet6_sendmsg", "sock_write_iter").category());
    assertEquals(KernelCategory.TCP_IP, attribute("bbr_main", "tcp_ack").category());
    assertEquals(
        KernelCategory.OTHER,
        attribute("do_wp_page", "handle_mm_fault", "exc_page_fault").category());
  }

  @Test
  void namesTheSockmapRedirectAndTheVethPathWhereTheirFunctionsRun() {
    // tcp_bpf_* are TCP's operations replaced by the psock's: the redirect, not TCP's path.
    assertEquals(KernelCategory.SOCKMAP, attribute("tcp_bpf_sendmsg", "inet6_sendmsg").category());
    assertEquals(
        KernelCategory.SOCKMAP,
        attribute("sk_psock_msg_verdict", "tcp_bpf_send_verdict").category());
    assertEquals(
        KernelCategory.SOCKMAP,
        attribute("bpf_prog_1f2e3d4c5b6a7980_sk_msg_redirect", "sk_psock_msg_verdict").category());
    assertEquals(
        KernelCategory.SOCKMAP,
        attribute("bpf_msg_redirect_hash", "bpf_prog_1f2e3d4c5b6a7980_redirect").category());
    // Its copies are still copies, and a hook every send passes is still its caller's.
    assertEquals(KernelCategory.COPY, attribute("copy_page_to_iter", "sk_msg_recvmsg").category());
    assertEquals(
        KernelCategory.TCP_IP,
        attribute("bpf_lsm_socket_sendmsg", "security_socket_sendmsg", "tcp_sendmsg").category());
    // The veth pair is the device TCP's segments cross instead of loopback's.
    assertEquals(KernelCategory.TCP_IP, attribute("veth_xmit", "dev_hard_start_xmit").category());
    assertEquals(KernelCategory.TCP_IP, attribute("veth_poll", "__napi_poll").category());
    assertEquals(KernelCategory.TCP_IP, attribute("gro_normal_list", "veth_poll").category());
  }

  @Test
  void everyKernelSampleOfTheRecordedProfilesGetsACategoryFewByGuess() throws Exception {
    for (String name : ENDS.keySet()) {
      KernelTime time = fixture(name);
      long kernel = time.kernelNs();
      assertTrue(kernel > 0, name);
      assertEquals(
          kernel,
          time.byCategory().values().stream().mapToLong(Long::longValue).sum(),
          name + ": the categories add up to the kernel time");
      assertTrue(time.unnamedNs() < 0.05 * kernel, name + ": unnamed " + time.unnamedLeaves());
      assertTrue(time.movedNs() > 0, name + ": something was moved from a re-enable point");
      assertTrue(
          time.movedFrom().keySet().stream()
              .allMatch(
                  leaf -> RULES.ruleFor(leaf).orElseThrow().action() == SymbolRules.Action.SKID),
          name);
    }
  }

  @Test
  void theRecordedProfilesShowEachFamilysOwnPathAndCopiesAtLargeSizes() throws Exception {
    for (String name : ENDS.keySet()) {
      KernelTime time = fixture(name);
      double kernel = time.kernelNs();
      if (name.startsWith("tcp")) {
        assertTrue(time.ns(KernelCategory.TCP_IP) > 0.2 * kernel, name);
        assertEquals(0, time.ns(KernelCategory.UNIX), name);
      } else {
        assertTrue(time.ns(KernelCategory.UNIX) > 0.03 * kernel, name);
        assertEquals(0, time.ns(KernelCategory.TCP_IP), name);
      }
      if (name.endsWith("65536")) {
        assertTrue(time.ns(KernelCategory.COPY) > 0.2 * kernel, name + " " + time.byCategory());
      }
    }
  }

  @Test
  void theTimerInterruptsSoftirqsOfTcpAtLargeSizesAreOtherAndSaySo() throws Exception {
    KernelTime time = fixture("tcp-65536");
    assertTrue(time.movedFrom().containsKey("handle_softirqs"), time.movedFrom().toString());
    assertTrue(time.movedByCategory().get(KernelCategory.OTHER) > 0);
  }

  @Test
  void samplesOfOtherThreadsOnTheCpuCountApartAsIdleOrOthers() throws Exception {
    List<PerfSample> samples =
        List.of(
            new PerfSample(1, 100, List.of("tcp_ack")),
            new PerfSample(1, 100, List.of()),
            new PerfSample(2, 100, List.of("finish_task_switch.isra.0", "__schedule")),
            new PerfSample(0, 100, List.of("pv_native_safe_halt")),
            new PerfSample(77, 100, List.of("_copy_to_iter")),
            new PerfSample(-1, 100, List.of()));
    KernelTime time = KernelTime.of(samples, RULES, Map.of(1L, "server", 2L, "client"));
    assertEquals(3, time.samples());
    assertEquals(100, time.userNs());
    assertEquals(100, time.idleNs());
    assertEquals(200, time.othersNs());
    assertEquals(100, time.kernelNs("server"));
    assertEquals(100, time.kernelNs("client"));
    assertEquals(100, time.ns(KernelCategory.SCHEDULER));
    assertEquals(100, time.movedNs());
    assertEquals(Map.of("finish_task_switch", 100L), time.movedFrom());
    KernelTime recorded = fixture("tcp-64");
    assertEquals(
        PerfScript.parse(PerfScriptTest.fixture("tcp-64")).stream()
            .filter(s -> ENDS.get("tcp-64").containsKey(s.tid()))
            .count(),
        recorded.samples());
  }

  @Test
  void aMalformedTableNamesItsLine() {
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> SymbolRules.parse("# header\nexact\ttcp_ack\tnetworking\twhy\n"));
    assertTrue(
        bad.getMessage().startsWith("line 2: no kernel category 'networking'"), bad.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> SymbolRules.parse("glob\ttcp_*\ttcp_ip\twhy\n"));
    assertThrows(
        IllegalArgumentException.class, () -> SymbolRules.parse("regex\t(\ttcp_ip\twhy\n"));
    assertThrows(
        IllegalArgumentException.class, () -> SymbolRules.parse("exact\ttcp_ack\ttcp_ip\n"));
    assertThrows(IllegalArgumentException.class, () -> RULES.attribute(List.of()));
  }
}
