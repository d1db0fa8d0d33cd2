import pytest


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks (indexing) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
