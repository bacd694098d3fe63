#!/usr/bin/env python3
"""Registers JJava (the `jjava` package from PyPI, in build/venv) as kernelspec `jjava` in the project.

JJava's wheel puts its kernelspec at VENV/share/jupyter/kernels/java, under the name `java`, which
would shadow the project's own kernel wherever the venv's data directory is searched. This moves it
to PREFIX/kernels/jjava and points it at an absolute JDK. JJava needs Java 11 or newer. Its own
kernel.json runs `java` from PATH with jjava-launcher.jar, which starts a second JVM, again `java`
from PATH, as `java [$JJAVA_JVM_OPTS] --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED -jar jjava.jar
CONNECTION_FILE`; the kernelspec written here runs that second command directly with the given JDK,
so the kernel's JDK never depends on the PATH Jupyter was started with (and one JVM fewer).

    tools/jjava-kernelspec.py --venv build/venv --prefix build/jupyter --java /usr/lib/jvm/.../bin/java
"""

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

NAME = "jjava"
MIN_JAVA = 11


def java_feature_version(java):
    """The JDK's feature version (17 for 17.0.9), from `java -XshowSettings:properties -version`."""
    out = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True, check=True)
    for line in out.stderr.splitlines():
        key, _, value = line.strip().partition(" = ")
        if key == "java.specification.version":
            return int(value.split(".")[-1] if value.startswith("1.") else value)
    raise SystemExit(f"jjava-kernelspec: {java} did not report java.specification.version")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--venv", type=Path, required=True)
    parser.add_argument("--prefix", type=Path, required=True, help="a JUPYTER_PATH entry (kernels/ goes in it)")
    parser.add_argument("--java", required=True, help="the java executable JJava runs on")
    args = parser.parse_args()

    shipped = args.venv / "share" / "jupyter" / "kernels" / "java"
    kept = args.venv / "share" / "jjava-kernelspec"  # where the wheel's copy waits, off Jupyter's paths
    if (shipped / "jjava.jar").exists():
        if kept.exists():
            shutil.rmtree(kept)
        shutil.move(str(shipped), str(kept))
    if not (kept / "jjava.jar").exists():
        raise SystemExit(f"jjava-kernelspec: JJava's kernelspec is in neither {shipped} nor {kept}: "
                         "is `jjava` in requirements.txt and build/venv up to date (make venv)?")
    version = java_feature_version(args.java)
    if version < MIN_JAVA:
        raise SystemExit(f"jjava-kernelspec: {args.java} is Java {version}; JJava needs {MIN_JAVA} or newer "
                         "(make JAVA=/path/to/jdk/bin/java kernel)")

    target = args.prefix / "kernels" / NAME
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(kept, target)
    spec = json.loads((kept / "kernel.json").read_text())
    shipped_argv = ["java", "-jar", "{resource_dir}/jjava-launcher.jar", "{resource_dir}/jjava.jar", "{connection_file}"]
    if spec["argv"] != shipped_argv:
        raise SystemExit(f"jjava-kernelspec: JJava's kernel.json changed shape (argv {spec['argv']}); "
                         "check how its launcher starts the kernel and update this script")
    spec["argv"] = [args.java, "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
                    "-jar", "{resource_dir}/jjava.jar", "{connection_file}"]
    spec["display_name"] = "Java (JJava)"
    (target / "kernel.json").write_text(json.dumps(spec, indent=2) + "\n")
    print(f"jjava-kernelspec: installed kernelspec {NAME} in {target} (Java {version}: {args.java})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
