#include "AboutDialog.h"

#include "CaseSchema.h"
#include "timeline/QCustomPlotInclude.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <libssh2.h>
#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <sqlite3.h>

namespace perfcase {

QString AboutDialog::versionsText()
{
    // Run-time versions where the library can tell (shared libraries a
    // machine may update), build-time ones for the header-only libraries.
    const QStringList lines{
        QStringLiteral("Perfcase %1, case schema %2")
            .arg(QStringLiteral(PERFCASE_VERSION))
            .arg(CaseSchema::kVersion),
        QStringLiteral("Qt %1 (built with %2), platform %3")
            .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
                 QGuiApplication::platformName()),
        QStringLiteral("QCustomPlot %1").arg(QStringLiteral(QCUSTOMPLOT_VERSION_STR)),
        QStringLiteral("SQLite %1").arg(QString::fromLatin1(sqlite3_libversion())),
        QStringLiteral("libssh2 %1").arg(QString::fromLatin1(libssh2_version(0))),
        QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)),
        QStringLiteral("nlohmann/json %1.%2.%3")
            .arg(NLOHMANN_JSON_VERSION_MAJOR)
            .arg(NLOHMANN_JSON_VERSION_MINOR)
            .arg(NLOHMANN_JSON_VERSION_PATCH),
    };
    return lines.join(u'\n');
}

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About Perfcase"));
    auto *icon = new QLabel;
    icon->setPixmap(QApplication::windowIcon().pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);
    auto *text =
        new QLabel(tr("<p><b>Perfcase</b></p>"
                      "<p>An investigation workbench for SREs and performance engineers: logs, "
                      "metrics, Kubernetes state, browser traces and HAR files on one timeline, "
                      "checked by playbooks, kept in one case file.</p>"));
    text->setWordWrap(true);
    auto *versions = new QLabel(versionsText());
    versions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    versions->setObjectName(QStringLiteral("versions"));
    auto *copy = new QPushButton(tr("&Copy Versions"));
    copy->setToolTip(tr("For a bug report: the versions above, as plain text"));
    connect(copy, &QPushButton::clicked, this,
            [] { QApplication::clipboard()->setText(versionsText()); });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(copy, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *column = new QVBoxLayout;
    column->addWidget(text);
    column->addWidget(versions);
    auto *row = new QHBoxLayout;
    row->addWidget(icon);
    row->addLayout(column, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    setMinimumWidth(440);
}

} // namespace perfcase
