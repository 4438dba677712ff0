#pragma once

namespace perfcase {

// The command line's exit codes (CLI.md). Scripts depend on them.
enum ExitCode : int {
    ExitOk = 0,
    ExitInternal = 1,
    ExitUsage = 2,
    ExitInput = 3,
    ExitCase = 4,
    ExitCannotRun = 5,
    ExitNoDisplay = 6,
    ExitInterrupted = 130,
};

} // namespace perfcase
