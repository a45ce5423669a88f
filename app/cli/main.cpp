#include <cstdio>
int main() { std::puts("meridian-db: not yet"); return 1; }
