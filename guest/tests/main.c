int guest_tests_main(const char *c) { (void)c; return 0; }
