#pragma once

#include <QString>
#include <optional>

class QWidget;

namespace perfcase {

// Opens a case for the window off the GUI thread: a file from elsewhere gets
// an integrity check that reads all of it (DESIGN.md), so a progress dialog
// with Cancel shows when opening takes more than a moment.
class CaseOpener
{
public:
    struct Opened
    {
        QString title;
        bool readOnly = false;
    };
    struct Failure
    {
        QString message;
        bool missing = false;   // the file is gone: drop it from the recent files
        bool cancelled = false; // the user stopped the check: say nothing more
        QString advice;         // what the user can do about it (adviceFor)
    };

    // Blocks input to parent while it waits; returns the case or why not.
    static std::optional<Opened> open(QWidget *parent, const QString &path, Failure &failure);
    // What to do about a case that would not open, by CaseFileError::Kind.
    static QString adviceFor(int kind);
};

} // namespace perfcase
