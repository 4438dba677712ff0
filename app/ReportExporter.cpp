#include "ReportExporter.h"

#include "QueryRunner.h"
#include "playbook/PlaybookEngine.h"
#include "report/ReportWriter.h"
#include "report/TimelineFigureRenderer.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFuture>
#include <QWidget>
#include <QtConcurrent>
#include <memory>

namespace perfcase {

namespace {

// The check's outcome, carried from the pool thread to the GUI thread.
struct CheckOutcome
{
    std::shared_ptr<PlaybookResult> result;
    QString error;
};

} // namespace

ReportExporter::ReportExporter(QWidget *window) : QObject(window), m_window(window) {}

void ReportExporter::exportInteractive(const QString &casePath, const Playbook &playbook)
{
    const QString suggested = QFileInfo(casePath).dir().filePath(
        QFileInfo(casePath).completeBaseName() + u'-' + QString::fromStdString(playbook.id) +
        QStringLiteral(".pdf"));
    QString filter;
    const QString path =
        QFileDialog::getSaveFileName(m_window, tr("Export Report"), suggested,
                                     tr("PDF report (*.pdf);;Markdown report (*.md)"), &filter);
    if (path.isEmpty()) return;
    exportTo(casePath, playbook, path);
}

void ReportExporter::exportTo(const QString &casePath, const Playbook &playbook,
                              const QString &path)
{
    if (m_busy) return;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("pdf") && suffix != QLatin1String("md")) {
        Q_EMIT finished(path, tr("A report is a .pdf or a .md file."));
        return;
    }
    m_busy = true;
    Q_EMIT started(path);
    // The playbook is copied: the catalogue may be reloaded meanwhile.
    auto shared = std::make_shared<Playbook>(playbook);
    QtConcurrent::run([casePath, shared] {
        CheckOutcome outcome;
        try {
            QueryRunner runner(casePath.toStdString());
            outcome.result = std::make_shared<PlaybookResult>(PlaybookEngine(runner).run(*shared));
        } catch (const std::exception &error) {
            outcome.error = QString::fromUtf8(error.what());
        }
        return outcome;
    }).then(this, [this, casePath, shared, path, suffix](CheckOutcome outcome) {
        QString error = outcome.error;
        if (error.isEmpty()) {
            try {
                TimelineFigureRenderer figures;
                ReportWriter::write(casePath.toStdString(), *shared, *outcome.result, &figures,
                                    path.toStdString(),
                                    suffix == QLatin1String("md") ? ReportWriter::Format::Markdown
                                                                  : ReportWriter::Format::Pdf,
                                    QLocale().measurementSystem() == QLocale::ImperialUSSystem
                                        ? ReportWriter::PageSize::Letter
                                        : ReportWriter::PageSize::A4);
            } catch (const std::exception &e) {
                error = QString::fromUtf8(e.what());
            }
        }
        m_busy = false;
        Q_EMIT finished(path, error);
    });
}

} // namespace perfcase
