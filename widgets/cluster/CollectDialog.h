#pragma once

#include "ConnectionProfiles.h"
#include "collect/KubeCollector.h"

#include <QDialog>
#include <QMap>
#include <map>
#include <string>
#include <vector>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace perfcase {

struct Playbook;

// "Collect from Cluster" for a playbook or one of its steps: the playbook's
// parameters (namespace from the profile, the others as last given), how far
// back logs go, and the exact read-only commands that will run on the
// profile's target, updated as the values change. Collect accepts.
class CollectDialog : public QDialog
{
    Q_OBJECT

public:
    CollectDialog(const Playbook &playbook, const QString &stepId, const ConnectionProfile &profile,
                  QWidget *parent = nullptr);

    // Once accepted: what to run, and the values to remember.
    std::vector<KubeCollector::Request> requests() const { return m_requests; }
    std::map<std::string, std::string> values() const;

    QLineEdit *field(const QString &parameterId) const { return m_fields.value(parameterId); }
    QLineEdit *sinceEdit() const { return m_since; }
    QPushButton *collectButton() const { return m_collect; }
    QString previewText() const;
    QString problemText() const;

    // The last values given for a parameter, kept in the settings (names of
    // namespaces and deployments, never secrets).
    static QString rememberedValue(const QString &parameterId);
    static void remember(const std::map<std::string, std::string> &values);

private:
    void updatePlan();

    const Playbook &m_playbook;
    std::string m_stepId;
    ConnectionProfile m_profile;
    QMap<QString, QLineEdit *> m_fields;
    QLineEdit *m_since;
    QPlainTextEdit *m_preview;
    QLabel *m_problem;
    QPushButton *m_collect = nullptr;
    std::vector<KubeCollector::Request> m_requests;
};

} // namespace perfcase
