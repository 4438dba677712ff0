#pragma once

#include <QMessageBox>
#include <QString>

namespace perfcase {

// An error the user must read: what failed (text) and why (reason). open(),
// not exec(): no nested event loop, and tests can inspect it.
inline void showErrorBox(QWidget *parent, const QString &title, const QString &text,
                         const QString &reason)
{
    auto *box = new QMessageBox(QMessageBox::Critical, title, text, QMessageBox::Ok, parent);
    box->setInformativeText(reason);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace perfcase
