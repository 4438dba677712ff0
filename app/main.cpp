#include "GuiMain.h"
#include "cli/Cli.h"

int main(int argc, char **argv)
{
    if (auto exitCode = perfcase::runCli(argc, argv))
        return *exitCode;
    return perfcase::runGui(argc, argv);
}
