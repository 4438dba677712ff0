#pragma once

#include <QDialog>

namespace perfcase {

// Help › About Perfcase: the version, the case-file schema, and the versions
// of the libraries this binary runs with (what a bug report needs), with a
// button that copies them.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // "Perfcase 0.1.0, case schema 1", then "Qt 6.4.2" and the others, a line each.
    static QString versionsText();
};

} // namespace perfcase
