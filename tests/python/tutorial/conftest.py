import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'support'))

from rclite_test_support import isolate_process  # noqa: E402

isolate_process()
