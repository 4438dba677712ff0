#include "TeammateMerger.h"

#include "CaseFile.h"
#include "ImportProgressWidget.h"
#include "share/CaseMerger.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QStringList>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>

namespace perfcase {

namespace {

struct Outcome
{
    QStringList lines;
    QString error;
    bool cancelled = false;
};

Outcome merge(const QString &casePath, const QString &otherPath,
              const std::shared_ptr<std::atomic_bool> &cancel)
{
    Outcome outcome;
    try {
        auto target = CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadWrite);
        // Opening checks the teammate's file (schema, integrity) before anything is read.
        auto other = CaseFile::open(otherPath.toStdString(), CaseFile::Access::ReadOnly);
        for (const std::string &line :
             CaseMerger::run(*target, *other, [&cancel] { return cancel->load(); }).describe())
            outcome.lines << QString::fromStdString(line);
    } catch (const CaseMerger::Cancelled &) {
        outcome.cancelled = true;
    } catch (const std::exception &error) {
        outcome.error = QString::fromStdString(error.what());
    }
    return outcome;
}

} // namespace

TeammateMerger::TeammateMerger(QWidget *window)
    : QObject(window), m_window(window), m_action(new QAction(tr("&Merge Teammate's Case…"), this)),
      m_progress(new ImportProgressWidget)
{
    m_progress->hide();
    connect(m_progress, &ImportProgressWidget::cancelRequested, this, &TeammateMerger::cancel);
    m_action->setToolTip(tr("Bring a teammate's sources, annotations, notes and overrides into "
                            "this case, without duplicates"));
    connect(m_action, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(m_window, tr("Merge Teammate's Case"),
                                                          QFileInfo(m_casePath).absolutePath(),
                                                          tr("Perfcase case files (*.perfcase)"));
        if (!path.isEmpty()) mergeFrom(path);
    });
    updateAction();
}

void TeammateMerger::setCase(const QString &casePath, bool readOnly)
{
    m_casePath = casePath;
    m_readOnly = readOnly;
    updateAction();
}

void TeammateMerger::updateAction()
{
    m_action->setEnabled(!m_casePath.isEmpty() && !m_readOnly && !m_busy);
}

void TeammateMerger::showResult(int icon, const QString &title, const QString &text,
                                const QString &details)
{
    // open(), not exec(): no nested event loop, and tests can look at it.
    auto *box = new QMessageBox(QMessageBox::Icon(icon), title, text, QMessageBox::Ok, m_window);
    box->setInformativeText(details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void TeammateMerger::mergeFrom(const QString &otherPath)
{
    if (m_busy || m_casePath.isEmpty()) return;
    m_busy = true;
    updateAction();
    Q_EMIT message(tr("Merging %1…").arg(QDir::toNativeSeparators(otherPath)), 0);
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_progress->start();
    m_progress->setActivity(tr("Merging"), true);
    m_progress->setCurrentItem(0, 0, QFileInfo(otherPath).fileName());
    m_progress->show();
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, otherPath] {
        watcher->deleteLater();
        m_busy = false;
        updateAction();
        m_progress->hide();
        const Outcome outcome = watcher->result();
        const QString name = QDir::toNativeSeparators(otherPath);
        if (outcome.cancelled) {
            Q_EMIT message(tr("Merge cancelled: nothing was merged from %1.").arg(name), 10000);
            Q_EMIT failed(otherPath, tr("cancelled"));
            return;
        }
        if (!outcome.error.isEmpty()) {
            Q_EMIT message(tr("Nothing was merged from %1.").arg(name), 10000);
            showResult(QMessageBox::Critical, tr("Merge Failed"),
                       tr("Nothing was merged from %1").arg(name), outcome.error);
            Q_EMIT failed(otherPath, outcome.error);
            return;
        }
        Q_EMIT message(tr("Merged %1.").arg(name), 10000);
        showResult(QMessageBox::Information, tr("Merged"), tr("Merged from %1:").arg(name),
                   outcome.lines.join(QLatin1Char('\n')));
        Q_EMIT merged(otherPath, outcome.lines);
    });
    watcher->setFuture(QtConcurrent::run(merge, m_casePath, otherPath, m_cancel));
}

void TeammateMerger::cancel()
{
    if (m_cancel) m_cancel->store(true);
}

TeammateMerger::~TeammateMerger()
{
    // The status bar owns the progress once the window placed it there.
    if (m_progress && !m_progress->parent()) delete m_progress;
}

} // namespace perfcase
