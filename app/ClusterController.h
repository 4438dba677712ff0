#pragma once

#include "ClusterJob.h"
#include "ConnectionProfiles.h"
#include "ImportReportDialog.h"
#include "collect/KubeCollector.h"
#include "prometheus/PrometheusClient.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>
#include <vector>

class QAction;
class QMenu;
class QTimer;
class QWidget;

namespace perfcase {

class ClusterStatusWidget;
class GuiPrompter;
class ImportProgressWidget;
struct Playbook;
struct ClusterConnection;

// The window's side of the cluster (docs/cluster.md): the active connection
// profile and its status indicator, the Cluster menu (Connect…, Collect for
// the Playbook…, live sampling, Prometheus Query…), and the cluster jobs,
// one at a time, with their progress, cancel and per-command report. The
// SSH connection is kept between jobs, so a passphrase is asked once. It
// tells the window when the case grew; it never reads the case itself.
class ClusterController : public QObject
{
    Q_OBJECT

public:
    explicit ClusterController(QWidget *window);
    ~ClusterController() override;

    QMenu *menu() const { return m_menu; }
    ClusterStatusWidget *statusWidget() const { return m_status; }
    ImportProgressWidget *progressWidget() const { return m_progress; }
    GuiPrompter *prompter() const { return m_prompter; }
    QAction *connectAction() const { return m_connect; }
    QAction *collectAction() const { return m_collect; }
    QAction *liveAction() const { return m_live; }
    QAction *prometheusAction() const { return m_prometheus; }
    ClusterJob *currentJob() const { return m_job; }

    // What the window tells it: the open case, the checklist's playbook, the
    // investigation window (ns) and the timeline's width for a query's step.
    void setCase(const QString &path, bool readOnly);
    void setPlaybookSource(std::function<const Playbook *()> playbook);
    void setWindowSource(std::function<std::pair<qint64, qint64>()> window,
                         std::function<int()> plotPixels);

    // The active profile, when there is one.
    const ConnectionProfile *activeProfile() const;

    // Dialogs: Cluster > Connect…, the checklist's Collect (a step, or the
    // whole playbook when stepId is empty), Prometheus Query….
    void chooseConnection();
    void chooseCollection(const QString &stepId = {});
    void choosePrometheusQuery();

    // The work behind them; each refuses (with a message) while another
    // cluster job runs, or without a writable case or an active profile.
    void connectTo(const ConnectionProfile &profile);
    void disconnect();
    bool collect(const std::vector<KubeCollector::Request> &requests);
    bool startLive(int intervalSeconds = 5);
    void stopLive();
    bool queryPrometheus(const QUrl &url, const PrometheusRange &range, const QString &name);

    void cancel();
    void showReport();

Q_SIGNALS:
    // The case has new sources: refresh the views. finished: the job that
    // wrote them is over (the window checks the playbook again); live
    // samples arrive unfinished, at most every couple of seconds.
    void caseChanged(bool finished);
    void message(const QString &text, int timeoutMs);

private:
    enum class JobKind
    {
        Connect,
        Collect,
        Live,
        Prometheus
    };
    bool canStart(bool needsProfile);
    void start(ClusterJob *job, JobKind kind, const QString &activity);
    void onEntry(const ClusterJob::Entry &entry);
    void onFinished();
    void updateStatus();
    void updateActions();
    KubeScope baseScope() const;

    QWidget *m_window;
    GuiPrompter *m_prompter;
    ClusterStatusWidget *m_status;
    ImportProgressWidget *m_progress;
    QMenu *m_menu;
    QAction *m_connect, *m_disconnect, *m_collect, *m_live, *m_prometheus, *m_report;
    QTimer *m_liveRefresh;
    std::shared_ptr<ClusterConnection> m_connection;
    QList<ConnectionProfile> m_profiles;
    QString m_activeName;
    QString m_casePath;
    bool m_readOnly = false;
    bool m_connected = false;
    QString m_lastError;
    std::function<const Playbook *()> m_playbook;
    std::function<std::pair<qint64, qint64>()> m_investigationWindow;
    std::function<int()> m_pixels;
    QPointer<ClusterJob> m_job;
    JobKind m_jobKind = JobKind::Connect;
    int m_liveInterval = 5;
    QString m_connectionDetail; // kubectl version, transport, notices
    QString m_reportTitle;
    QList<ImportReportDialog::Entry> m_reportEntries;
    QString m_reportSummary;
};

} // namespace perfcase
