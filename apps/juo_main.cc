// juo: the command-line entry point. All the work is in juo::cli.
#include <iostream>

#include "cli/cli.h"

int main(int argc, char** argv) { return juo::cli::Run(argc, argv, std::cout, std::cerr); }
