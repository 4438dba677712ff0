#include "ClusterController.h"

#include "CaseFile.h"
#include "ClusterJob.h"
#include "ClusterStatusWidget.h"
#include "CollectDialog.h"
#include "ConnectDialog.h"
#include "GuiPrompter.h"
#include "ImportProgressWidget.h"
#include "PrometheusDialog.h"
#include "UntrustedJson.h"
#include "collect/LiveSampler.h"
#include "import/ImporterRegistry.h"
#include "playbook/CollectPlan.h"
#include "playbook/Playbook.h"
#include "prometheus/PrometheusCollector.h"
#include "transport/SshTransport.h"
#include "transport/TransportFactory.h"

#include <QAction>
#include <QDateTime>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QWidget>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace perfcase {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

const QString kLastPrometheusUrl = QStringLiteral("prometheus/lastUrl");

// How often the views reload while live samples arrive.
constexpr int kLiveRefreshMs = 2000;
// Live sampling from the window runs until stopped, at most this long.
constexpr std::chrono::hours kLiveLimit{24};

} // namespace

// The transport of the active profile, kept between jobs. Only the job that
// runs uses it (one job at a time); made on first use, on the worker thread,
// so an unknown host key or a passphrase is asked there.
struct ClusterConnection
{
    ConnectionProfile profile;
    std::unique_ptr<Transport> transport;
    std::vector<std::string> warnings;

    Transport &ensure(SshPrompter &prompter)
    {
        if (!transport)
            transport = makeTransport(profile.target.toStdString(), prompter, false, &warnings);
        return *transport;
    }

    // Lines the user should read: ~/.ssh/config lines not honoured, the
    // OpenSSH fallback.
    QStringList notices() const
    {
        QStringList lines;
        for (const auto &warning : warnings)
            lines << fromStd(warning);
        if (const auto *ssh = dynamic_cast<const SshTransport *>(transport.get()))
            for (const auto &notice : ssh->notices())
                lines << fromStd(notice);
        return lines;
    }
};

ClusterController::ClusterController(QWidget *window)
    : QObject(window), m_window(window), m_prompter(new GuiPrompter(window)),
      m_status(new ClusterStatusWidget), m_progress(new ImportProgressWidget),
      m_menu(new QMenu(tr("Cl&uster"), window)), m_liveRefresh(new QTimer(this)),
      m_profiles(ConnectionProfiles::load()), m_activeName(ConnectionProfiles::activeName())
{
    m_prompter->setParent(this);
    m_progress->hide();
    m_liveRefresh->setSingleShot(true);
    m_liveRefresh->setInterval(kLiveRefreshMs);
    connect(m_liveRefresh, &QTimer::timeout, this, [this] { Q_EMIT caseChanged(false); });
    connect(m_progress, &ImportProgressWidget::cancelRequested, this, &ClusterController::cancel);
    connect(m_progress, &ImportProgressWidget::detailsRequested, this,
            &ClusterController::showReport);
    connect(m_status, &QToolButton::clicked, this, &ClusterController::chooseConnection);

    m_connect = m_menu->addAction(tr("&Connect…"), this, &ClusterController::chooseConnection);
    m_connect->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_connect->setToolTip(tr("Choose or edit the connection profile kubectl runs through"));
    m_disconnect = m_menu->addAction(tr("&Disconnect"), this, &ClusterController::disconnect);
    m_menu->addSeparator();
    m_collect =
        m_menu->addAction(tr("Collect for the &Playbook…"), this, [this] { chooseCollection(); });
    m_collect->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_collect->setToolTip(tr("Run the read-only kubectl commands every step of the checklist's "
                             "playbook asks for"));
    m_live = m_menu->addAction(tr("&Live Sampling"));
    m_live->setCheckable(true);
    m_live->setShortcut(QKeySequence(Qt::Key_F8));
    m_live->setToolTip(tr("Every 5 s: kubectl top pods and nodes, the HPAs and new events, "
                          "appended to the timeline while you reproduce the problem"));
    connect(m_live, &QAction::triggered, this, [this](bool on) {
        if (on)
            startLive();
        else
            stopLive();
        updateActions();
    });
    m_menu->addSeparator();
    m_prometheus = m_menu->addAction(tr("P&rometheus Query…"), this,
                                     &ClusterController::choosePrometheusQuery);
    m_prometheus->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_menu->addSeparator();
    m_report =
        m_menu->addAction(tr("Last Collection &Report…"), this, &ClusterController::showReport);

    if (const ConnectionProfile *profile = activeProfile()) {
        m_connection = std::make_shared<ClusterConnection>();
        m_connection->profile = *profile;
    }
    updateStatus();
    updateActions();
}

ClusterController::~ClusterController()
{
    // A worker waiting for an answer must not wait for a window that is
    // going away; the job's destructor then waits for the worker.
    m_prompter->abandon();
    delete m_job;
}

void ClusterController::setCase(const QString &path, bool readOnly)
{
    if (path != m_casePath && m_job) m_job->cancel(); // it writes into the old case
    m_casePath = path;
    m_readOnly = readOnly;
    updateActions();
}

void ClusterController::setPlaybookSource(std::function<const Playbook *()> playbook)
{
    m_playbook = std::move(playbook);
}

void ClusterController::setWindowSource(std::function<std::pair<qint64, qint64>()> window,
                                        std::function<int()> plotPixels)
{
    m_investigationWindow = std::move(window);
    m_pixels = std::move(plotPixels);
}

const ConnectionProfile *ClusterController::activeProfile() const
{
    return ConnectionProfiles::find(m_profiles, m_activeName);
}

KubeScope ClusterController::baseScope() const
{
    KubeScope scope;
    if (const ConnectionProfile *profile = activeProfile()) {
        scope.context = profile->context.toStdString();
        scope.nameSpace = profile->effectiveNamespace().toStdString();
    }
    return scope;
}

void ClusterController::chooseConnection()
{
    auto *dialog = new ConnectDialog(m_profiles, m_activeName, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_profiles = dialog->profiles();
        ConnectionProfiles::save(m_profiles);
        connectTo(dialog->chosen());
    });
    dialog->open();
}

void ClusterController::connectTo(const ConnectionProfile &profile)
{
    if (m_job) {
        Q_EMIT message(tr("A cluster job is running; stop or cancel it first."), 8000);
        return;
    }
    if (const QString problem = ConnectionProfiles::problem(profile); !problem.isEmpty()) {
        Q_EMIT message(problem, 10000);
        return;
    }
    if (!ConnectionProfiles::find(m_profiles, profile.name)) {
        m_profiles.append(profile);
        ConnectionProfiles::save(m_profiles);
    }
    m_activeName = profile.name;
    ConnectionProfiles::setActiveName(profile.name);
    m_connection = std::make_shared<ClusterConnection>();
    m_connection->profile = profile;
    m_connected = false;
    m_lastError.clear();
    m_connectionDetail.clear();

    auto connection = m_connection;
    GuiPrompter *prompter = m_prompter;
    const KubeScope scope = baseScope();
    auto *job = new ClusterJob(
        tr("Connect to %1").arg(profile.name),
        [connection, prompter, scope](ClusterJob::Context &context) {
            Transport &transport = connection->ensure(*prompter);
            RunLimits limits;
            limits.timeoutSeconds = 30;
            limits.maxOutputBytes = 1 << 20;
            const CommandResult result =
                transport.run(KubeCatalogue::clientVersion(scope).argv, limits, context.token());
            if (result.exitCode != 0)
                throw std::runtime_error("kubectl version --client failed (exit " +
                                         std::to_string(result.exitCode) +
                                         "): " + result.err.substr(0, result.err.find('\n')));
            const auto answer = UntrustedJson::parse(result.out);
            std::string version = "kubectl";
            if (answer.is_object() && answer.contains("clientVersion") &&
                answer["clientVersion"].is_object())
                version += " " + answer["clientVersion"].value("gitVersion", std::string());
            QString line =
                tr("%1 on %2 via %3")
                    .arg(fromStd(version), fromStd(transport.target()), fromStd(transport.kind()));
            for (const QString &notice : connection->notices())
                line += QLatin1Char('\n') + notice;
            return line;
        });
    start(job, JobKind::Connect, tr("Connecting to"));
    m_progress->setCurrentItem(0, 0, profile.name);
}

void ClusterController::disconnect()
{
    if (m_job) m_job->cancel();
    m_connection.reset();
    m_activeName.clear();
    ConnectionProfiles::setActiveName({});
    m_connected = false;
    m_lastError.clear();
    updateStatus();
    updateActions();
}

bool ClusterController::canStart(bool needsProfile)
{
    QString refusal;
    if (m_casePath.isEmpty())
        refusal = tr("Open or create a case first.");
    else if (m_readOnly)
        refusal = tr("This case is read-only: nothing can be collected into it.");
    else if (m_job)
        refusal = m_jobKind == JobKind::Live
                      ? tr("Live sampling is running; stop it first (F8).")
                      : tr("A cluster job is running; wait for it or cancel it.");
    else if (needsProfile && !m_connection)
        refusal = tr("Connect to a cluster first (Cluster > Connect…).");
    if (refusal.isEmpty()) return true;
    Q_EMIT message(refusal, 8000);
    return false;
}

void ClusterController::chooseCollection(const QString &stepId)
{
    if (!m_connection) {
        Q_EMIT message(tr("Connect to a cluster first: choose a profile, then collect."), 8000);
        chooseConnection();
        return;
    }
    const Playbook *playbook = m_playbook ? m_playbook() : nullptr;
    if (!playbook) {
        Q_EMIT message(tr("Choose a playbook in the checklist first."), 8000);
        return;
    }
    if (!canStart(true)) return;
    auto *dialog = new CollectDialog(*playbook, stepId, m_connection->profile, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { collect(dialog->requests()); });
    dialog->open();
}

bool ClusterController::collect(const std::vector<KubeCollector::Request> &requests)
{
    if (!canStart(true)) return false;
    auto connection = m_connection;
    GuiPrompter *prompter = m_prompter;
    const std::string path = m_casePath.toStdString();
    auto *job = new ClusterJob(
        tr("Collect from %1").arg(connection->profile.name),
        [connection, prompter, path, requests](ClusterJob::Context &context) {
            auto file = CaseFile::open(path, CaseFile::Access::ReadWrite);
            file->requireWritable();
            Transport &transport = connection->ensure(*prompter);
            const ImporterRegistry importers;
            KubeCollector collector(transport, *file, importers);
            int imported = 0, failed = 0, denied = 0;
            const auto outcomes = collector.collect(
                requests, context.token(),
                [&](const CollectOutcome &outcome) { context.report(outcome); },
                [&](int done, int total, const std::string &title) {
                    context.progress(done, total, fromStd(title));
                });
            file->checkpoint();
            for (const auto &outcome : outcomes) {
                imported += outcome.status == CollectOutcome::Status::Imported;
                failed += outcome.status == CollectOutcome::Status::Failed;
                denied += outcome.status == CollectOutcome::Status::Denied;
            }
            QString line = tr("Collected %1 of %2 commands from %3")
                               .arg(imported)
                               .arg(outcomes.size())
                               .arg(connection->profile.name);
            if (failed) line += tr("; %1 failed").arg(failed);
            if (denied) line += tr("; %1 denied by auth can-i").arg(denied);
            if (imported == 0 && !outcomes.empty())
                throw std::runtime_error(
                    tr("no command succeeded (%1); see the report").arg(line).toStdString());
            return line;
        });
    start(job, JobKind::Collect, tr("Collecting"));
    return true;
}

bool ClusterController::startLive(int intervalSeconds)
{
    if (!canStart(true)) return false;
    m_liveInterval = intervalSeconds;
    auto connection = m_connection;
    GuiPrompter *prompter = m_prompter;
    const std::string path = m_casePath.toStdString();
    const KubeScope scope = baseScope();
    auto *job = new ClusterJob(
        tr("Live sampling on %1").arg(connection->profile.name),
        [connection, prompter, path, scope, intervalSeconds](ClusterJob::Context &context) {
            auto file = CaseFile::open(path, CaseFile::Access::ReadWrite);
            file->requireWritable();
            Transport &transport = connection->ensure(*prompter);
            const ImporterRegistry importers;
            LiveSampler sampler(transport, *file, importers, scope);
            sampler.run(kLiveLimit, std::chrono::seconds(intervalSeconds), context.token(),
                        [&](const CollectOutcome &outcome) { context.report(outcome); });
            file->checkpoint();
            return tr("Live sampling stopped after %1 round(s) of samples").arg(sampler.samples());
        });
    start(job, JobKind::Live, tr("Live sampling on %1").arg(connection->profile.name));
    return true;
}

void ClusterController::stopLive()
{
    if (m_job && m_jobKind == JobKind::Live) m_job->cancel();
}

void ClusterController::choosePrometheusQuery()
{
    if (!canStart(false)) return;
    const Playbook *playbook = m_playbook ? m_playbook() : nullptr;
    std::vector<SuggestedQuery> suggestions;
    QStringList unfilled;
    if (playbook) {
        std::map<std::string, std::string> values;
        for (const Parameter &parameter : playbook->parameters) {
            const QString value = CollectDialog::rememberedValue(fromStd(parameter.id));
            if (!value.isEmpty()) values[parameter.id] = value.toStdString();
        }
        if (const ConnectionProfile *profile = activeProfile();
            profile && !profile->effectiveNamespace().isEmpty())
            values["namespace"] = profile->effectiveNamespace().toStdString();
        std::vector<std::string> missing;
        suggestions = CollectPlan::queries(*playbook, values, &missing);
        for (const auto &field : missing)
            unfilled << fromStd(field);
    }
    QString url = QSettings().value(kLastPrometheusUrl).toString();
    if (const ConnectionProfile *profile = activeProfile();
        profile && !profile->prometheusUrl.isEmpty())
        url = profile->prometheusUrl;
    // The case's window by default; an empty case: the last hour.
    auto [start, end] =
        m_investigationWindow ? m_investigationWindow() : std::pair<qint64, qint64>{0, 0};
    if (end <= start) {
        end = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
        start = end - 3600LL * 1'000'000'000;
    }
    auto *dialog = new PrometheusDialog(url, suggestions, unfilled, start, end,
                                        m_pixels ? m_pixels() : 1000, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        QSettings().setValue(kLastPrometheusUrl, dialog->url().toString());
        queryPrometheus(dialog->url(), dialog->range(), dialog->sourceName());
    });
    dialog->open();
}

bool ClusterController::queryPrometheus(const QUrl &url, const PrometheusRange &range,
                                        const QString &name)
{
    if (!canStart(false)) return false;
    const std::string path = m_casePath.toStdString();
    const std::string sourceName = name.toStdString();
    auto *job = new ClusterJob(
        tr("Prometheus query"), [url, range, path, sourceName](ClusterJob::Context &context) {
            auto file = CaseFile::open(path, CaseFile::Access::ReadWrite);
            file->requireWritable();
            const ImporterRegistry importers;
            const PrometheusClient client(url);
            PrometheusCollector collector(client, *file, importers);
            context.progress(0, 1, fromStd(PrometheusCollector::defaultName(range.query)));
            const PrometheusOutcome outcome = collector.collect(range, sourceName, context.token());
            context.report(outcome);
            file->checkpoint();
            // Prometheus's own words, as it said them.
            if (!outcome.imported()) throw std::runtime_error(outcome.import.error);
            return tr("Prometheus: %1 points in %2")
                .arg(outcome.import.records)
                .arg(fromStd(outcome.import.path));
        });
    start(job, JobKind::Prometheus, tr("Querying Prometheus"));
    return true;
}

void ClusterController::cancel()
{
    if (m_job) m_job->cancel();
    m_prompter->abandon();
}

void ClusterController::start(ClusterJob *job, JobKind kind, const QString &activity)
{
    job->setParent(this);
    m_job = job;
    m_jobKind = kind;
    m_reportTitle = job->title();
    m_reportEntries.clear();
    m_prompter->resume();
    connect(job, &ClusterJob::progress, this, [this](int done, int total, const QString &title) {
        m_progress->setCurrentItem(done, total, title);
    });
    connect(job, &ClusterJob::entryAdded, this, &ClusterController::onEntry);
    connect(job, &ClusterJob::finished, this, &ClusterController::onFinished);
    m_progress->start();
    m_progress->setActivity(activity, kind == JobKind::Live);
    m_progress->show();
    job->start();
    updateStatus();
    updateActions();
}

void ClusterController::onEntry(const ClusterJob::Entry &entry)
{
    m_reportEntries.append(entry.report);
    if (m_jobKind == JobKind::Live && m_job) {
        m_progress->setCurrentItem(0, 0, tr("(%1 samples)").arg(m_job->importedCount()));
        if (entry.imported && !m_liveRefresh->isActive()) m_liveRefresh->start();
    }
}

void ClusterController::onFinished()
{
    ClusterJob *job = m_job;
    m_job = nullptr;
    job->deleteLater(); // we are inside its signal
    const bool wasLive = m_jobKind == JobKind::Live;
    const bool probe = m_jobKind == JobKind::Connect;
    m_liveRefresh->stop();
    const QString error = job->errorString();
    m_reportSummary = error.isEmpty() ? job->summary() : error;
    m_progress->finish(error.isEmpty() ? job->summary().section(QLatin1Char('\n'), 0, 0)
                                       : tr("%1 failed: %2").arg(job->title(), error),
                       job->hasProblems());
    if (probe) {
        m_connected = error.isEmpty() && !job->isCancelled();
        m_lastError = error;
        // The failed transport is dropped: the next job connects anew.
        if (!m_connected && m_connection) m_connection->transport.reset();
        m_connectionDetail = m_connected ? job->summary() : QString();
    } else if (error.isEmpty() && !job->isCancelled() && m_jobKind != JobKind::Prometheus) {
        m_connected = true;
    }
    updateStatus();
    updateActions();
    if (job->importedCount() > 0) Q_EMIT caseChanged(true);
    if (!error.isEmpty() && !job->isCancelled()) {
        auto *box =
            new QMessageBox(QMessageBox::Warning, job->title(),
                            tr("%1 did not succeed.").arg(job->title()), QMessageBox::Ok, m_window);
        box->setInformativeText(error);
        box->setTextInteractionFlags(Qt::TextSelectableByMouse);
        box->setAttribute(Qt::WA_DeleteOnClose);
        if (!m_reportEntries.isEmpty()) {
            QPushButton *details = box->addButton(tr("Show Report"), QMessageBox::ActionRole);
            connect(details, &QPushButton::clicked, this, &ClusterController::showReport);
        }
        box->open();
    } else if (!wasLive && !probe && job->hasProblems() && !job->isCancelled()) {
        showReport();
    }
}

void ClusterController::showReport()
{
    if (m_reportEntries.isEmpty()) return;
    auto *dialog = new ImportReportDialog(m_reportSummary, m_reportEntries, m_window);
    dialog->setHeadings(m_reportTitle, tr("Command"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void ClusterController::updateStatus()
{
    using State = ClusterStatusWidget::State;
    const ConnectionProfile *profile = activeProfile();
    if (!profile || !m_connection) {
        m_status->setState(State::Disconnected, tr("Not connected"),
                           tr("No cluster connection. Click to connect (Cluster > Connect…)."));
        return;
    }
    const QString name = profile->effectiveNamespace().isEmpty()
                             ? profile->name
                             : tr("%1 · %2").arg(profile->name, profile->effectiveNamespace());
    const QString where = tr("%1 (%2)").arg(profile->name, profile->target);
    if (m_job && m_jobKind == JobKind::Live)
        m_status->setState(
            State::Sampling, tr("%1 · live").arg(name),
            tr("Live sampling on %1 every %2 s; F8 stops it.").arg(where).arg(m_liveInterval));
    else if (m_job && !m_connected && m_jobKind != JobKind::Prometheus)
        m_status->setState(State::Connecting, tr("Connecting to %1…").arg(profile->name), where);
    else if (!m_lastError.isEmpty())
        m_status->setState(State::Failed, tr("%1: failed").arg(profile->name),
                           tr("%1\n%2").arg(where, m_lastError));
    else if (m_connected)
        m_status->setState(
            State::Connected, name,
            m_connectionDetail.isEmpty() ? where : tr("%1\n%2").arg(where, m_connectionDetail));
    else
        m_status->setState(State::Disconnected, name,
                           tr("%1\nNot connected yet: the connection is made when you collect, "
                              "or click to connect now.")
                               .arg(where));
}

void ClusterController::updateActions()
{
    const bool busy = m_job;
    const bool writable = !m_casePath.isEmpty() && !m_readOnly;
    m_connect->setEnabled(!busy);
    m_disconnect->setEnabled(m_connection != nullptr);
    m_collect->setEnabled(writable && !busy);
    const bool live = busy && m_jobKind == JobKind::Live;
    m_live->setEnabled(writable && m_connection && (!busy || live));
    m_live->setChecked(live);
    m_prometheus->setEnabled(writable && !busy);
    m_report->setEnabled(!m_reportEntries.isEmpty());
}

} // namespace perfcase
