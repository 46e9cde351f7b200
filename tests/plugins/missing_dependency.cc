// A shared library that a test plugin links against and that the test then makes unfindable, to check the
// "unresolvable shared library dependency" message.
extern "C" __attribute__((visibility("default"))) int sentinel_test_dependency_value() { return 7; }
