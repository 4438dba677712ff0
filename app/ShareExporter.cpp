#include "ShareExporter.h"

#include "CaseFileError.h"
#include "ImportProgressWidget.h"
#include "ShareReviewDialog.h"
#include "share/CaseExporter.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QWidget>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>

namespace perfcase {

namespace {

struct Outcome
{
    ExportSummary summary;
    QString error;
    bool cancelled = false;
};

ShareReviewDialog::Review reviewOf(const ExportSummary &summary, const QString &outPath)
{
    ShareReviewDialog::Review review;
    review.outPath = outPath;
    for (const auto &[rule, count] : summary.redacted)
        review.perRule.append({QString::fromStdString(rule), count});
    review.rekeyed = summary.rekeyed;
    for (const auto &sample : summary.samples)
        review.samples.append(
            {QString::fromStdString(sample.where), QString::fromStdString(sample.text)});
    review.mappingPath = QString::fromStdString(summary.mappingPath);
    return review;
}

} // namespace

ShareExporter::ShareExporter(QWidget *window)
    : QObject(window), m_window(window), m_action(new QAction(tr("Export for &Sharing…"), this)),
      m_progress(new ImportProgressWidget)
{
    m_progress->hide();
    connect(m_progress, &ImportProgressWidget::cancelRequested, this, &ShareExporter::cancel);
    m_action->setToolTip(tr("A copy with secrets redacted, to send to a teammate"));
    m_action->setEnabled(false);
    connect(m_action, &QAction::triggered, this, [this] { exportInteractive(m_casePath); });
    connect(this, &ShareExporter::started, this, [this](const QString &path) {
        m_action->setEnabled(false);
        Q_EMIT message(tr("Redacting a copy for %1…").arg(QDir::toNativeSeparators(path)), 0);
    });
    connect(this, &ShareExporter::finished, this,
            [this](const QString &path, const QString &error, bool discarded) {
                m_action->setEnabled(!m_casePath.isEmpty());
                const QString where = QDir::toNativeSeparators(path);
                Q_EMIT message(!error.isEmpty()
                                   ? tr("The shared copy was not written: %1").arg(error)
                               : discarded ? tr("The shared copy was discarded.")
                                           : tr("Shared copy written: %1").arg(where),
                               10000);
            });
}

void ShareExporter::setCase(const QString &casePath)
{
    m_casePath = casePath;
    m_action->setEnabled(!casePath.isEmpty() && !m_busy);
}

void ShareExporter::exportInteractive(const QString &casePath)
{
    const QFileInfo info(casePath);
    QString path = QFileDialog::getSaveFileName(m_window, tr("Export for Sharing"),
                                                info.absolutePath() + QLatin1Char('/') +
                                                    info.completeBaseName() +
                                                    QStringLiteral("-shared.perfcase"),
                                                tr("Perfcase case files (*.perfcase)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".perfcase");
    exportTo(casePath, path);
}

void ShareExporter::exportTo(const QString &casePath, const QString &outPath)
{
    if (m_busy) return;
    m_busy = true;
    Q_EMIT started(outPath);
    // Written beside OUT for review; OUT itself only on Save.
    const QString reviewPath = outPath + QStringLiteral(".review");
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_progress->start();
    m_progress->setActivity(tr("Redacting"), true);
    m_progress->setCurrentItem(0, 0, QFileInfo(outPath).fileName());
    m_progress->show();
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this,
            [this, watcher, outPath, reviewPath] {
                watcher->deleteLater();
                m_progress->hide();
                const Outcome outcome = watcher->result();
                if (outcome.cancelled) {
                    m_busy = false;
                    Q_EMIT finished(outPath, {}, true);
                    return;
                }
                if (!outcome.error.isEmpty()) {
                    m_busy = false;
                    Q_EMIT finished(outPath, outcome.error, false);
                    return;
                }
                m_review = new ShareReviewDialog(reviewOf(outcome.summary, outPath), m_window);
                m_review->setAttribute(Qt::WA_DeleteOnClose);
                const QString mapping = QString::fromStdString(outcome.summary.mappingPath);
                m_mappingPath = mapping;
                connect(m_review, &QDialog::finished, this,
                        [this, outPath, reviewPath, mapping](int result) {
                            m_busy = false;
                            if (result != QDialog::Accepted) {
                                QFile::remove(reviewPath);
                                if (!mapping.isEmpty()) QFile::remove(mapping);
                                Q_EMIT finished(outPath, {}, true);
                                return;
                            }
                            QFile::remove(outPath);
                            if (!QFile::rename(reviewPath, outPath)) {
                                Q_EMIT finished(outPath, tr("cannot write %1").arg(outPath), false);
                                return;
                            }
                            Q_EMIT finished(outPath, {}, false);
                        });
                m_review->open();
            });
    watcher->setFuture(QtConcurrent::run([casePath, reviewPath, outPath, cancel = m_cancel] {
        Outcome outcome;
        try {
            CaseExporter::Options options;
            options.share = true;
            options.mappingDir = CaseExporter::defaultMappingDir();
            options.sharedAs = outPath.toStdString();
            outcome.summary = CaseExporter::run(casePath.toStdString(), reviewPath.toStdString(),
                                                options, [&cancel] { return cancel->load(); });
        } catch (const CaseExporter::Cancelled &) {
            outcome.cancelled = true;
        } catch (const std::exception &error) {
            outcome.error = QString::fromStdString(error.what());
        }
        return outcome;
    }));
}

void ShareExporter::cancel()
{
    if (m_cancel) m_cancel->store(true);
}

ShareExporter::~ShareExporter()
{
    // The status bar owns the progress once the window placed it there.
    if (m_progress && !m_progress->parent()) delete m_progress;
}

} // namespace perfcase
