#pragma once

#include "ConnectionProfiles.h"

#include <QDialog>

class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace perfcase {

// Cluster > Connect…: the saved connection profiles on the left, the chosen
// one's target, context, namespace and Prometheus URL on the right, each
// checked as it is typed with the collectors' rules. Connect accepts with
// the chosen profile; the caller saves the list. Nothing secret is asked here.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    ConnectDialog(QList<ConnectionProfile> profiles, const QString &active,
                  QWidget *parent = nullptr);

    QList<ConnectionProfile> profiles() const { return m_profiles; }
    // The profile to connect with once accepted.
    ConnectionProfile chosen() const;

    void addProfile();
    void removeProfile();
    QListWidget *list() const { return m_list; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *targetEdit() const { return m_target; }
    QLineEdit *contextEdit() const { return m_context; }
    QLineEdit *namespaceEdit() const { return m_namespace; }
    QLineEdit *prometheusEdit() const { return m_prometheus; }
    QPushButton *connectButton() const { return m_connect; }
    QString problemText() const;

private:
    void showProfile(int row);
    void storeEdits();
    void updateState();
    int currentRow() const;

    QList<ConnectionProfile> m_profiles;
    QListWidget *m_list;
    QLineEdit *m_name, *m_target, *m_context, *m_namespace, *m_prometheus;
    QLabel *m_problem;
    QPushButton *m_connect, *m_remove;
    bool m_filling = false;
};

} // namespace perfcase
