#pragma once

#include <stdexcept>
#include <string>

namespace perfcase {

// Why a case file cannot be used. Every kind maps to exit code 4 on the
// command line; the GUI shows the message as it is.
class CaseFileError : public std::runtime_error
{
public:
    enum Kind
    {
        Missing,
        Exists,
        NotACaseFile,
        Newer,
        Corrupt,
        Hostile,
        Locked,
        ReadOnly,
        Io,
        Cancelled // the user stopped the integrity check of a file from elsewhere
    };

    CaseFileError(Kind kind, const std::string &what) : std::runtime_error(what), m_kind(kind) {}
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

} // namespace perfcase
