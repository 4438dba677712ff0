// Nothing to compile: this library exists to build the precompiled header that
// every test reuses (tests/CMakeLists.txt, cmake/Precompile.cmake).
