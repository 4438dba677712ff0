#pragma once

#include <QList>
#include <QString>

namespace perfcase {

// Where the cluster is reached from: a TARGET of `perfcase collect`
// (CLI.md), with the kubeconfig context and namespace to use there.
struct ConnectionProfile
{
    QString name;          // shown in the menu and the status bar
    QString target;        // local, ssh://user@host[:port], user@host or a ~/.ssh/config Host
    QString context;       // empty: the kubeconfig's current context
    QString nameSpace;     // empty: Preferences' default namespace, else the context's
    QString prometheusUrl; // empty: none

    // The namespace to collect from: nameSpace, else the default namespace
    // of Preferences; empty leaves it to the kube context.
    QString effectiveNamespace() const;

    bool operator==(const ConnectionProfile &other) const = default;
};

// The saved profiles (QSettings, cluster/profiles) and which one is active.
// Nothing secret is ever saved: passphrases and answers are asked when
// needed, Prometheus credentials come from the environment.
class ConnectionProfiles
{
public:
    static QList<ConnectionProfile> load();
    static void save(const QList<ConnectionProfile> &profiles);
    static QString activeName();
    static void setActiveName(const QString &name);
    // The profile called name, or nullptr.
    static const ConnectionProfile *find(const QList<ConnectionProfile> &profiles,
                                         const QString &name);

    // Why the profile cannot be used, with the collectors' own rules; empty
    // when it can.
    static QString problem(const ConnectionProfile &profile);
};

} // namespace perfcase
