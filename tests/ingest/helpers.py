"""Running the import and export commands the way staff do, capturing what they print."""

import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command


def run_import(*args, expect_failure=False, **options):
    """Run import_articles; return (stdout, stderr). The command exits 1 when anything failed."""
    stdout, stderr = StringIO(), StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=stdout, stderr=stderr, **options)
    except SystemExit as exit:
        if not expect_failure:
            raise AssertionError(f"import failed:\n{stdout.getvalue()}{stderr.getvalue()}") from None
        assert exit.code == 1
    else:
        if expect_failure:
            raise AssertionError(f"import did not fail:\n{stdout.getvalue()}{stderr.getvalue()}")
    return stdout.getvalue(), stderr.getvalue()


def summary(stdout: str) -> str:
    """The command's last line: "created N, updated N, unchanged N, failed N"."""
    return stdout.strip().splitlines()[-1]


def write_temp(test, content: bytes | str, suffix: str = "") -> Path:
    """A file holding content, removed after the test."""
    data = content.encode() if isinstance(content, str) else content
    handle = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)  # noqa: SIM115
    handle.write(data)
    handle.close()
    path = Path(handle.name)
    test.addCleanup(path.unlink, missing_ok=True)
    return path
