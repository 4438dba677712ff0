#include "ConnectDialog.h"

#include "UserPreferences.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace perfcase {

ConnectDialog::ConnectDialog(QList<ConnectionProfile> profiles, const QString &active,
                             QWidget *parent)
    : QDialog(parent), m_profiles(std::move(profiles)), m_list(new QListWidget),
      m_name(new QLineEdit), m_target(new QLineEdit), m_context(new QLineEdit),
      m_namespace(new QLineEdit), m_prometheus(new QLineEdit), m_problem(new QLabel)
{
    setWindowTitle(tr("Connect to a Cluster"));
    if (m_profiles.isEmpty()) m_profiles.append({tr("local"), QStringLiteral("local"), {}, {}, {}});

    m_target->setPlaceholderText(tr("local, ssh://user@bastion:22 or a ~/.ssh/config Host"));
    m_target->setToolTip(
        tr("Where kubectl runs: this machine (local) or a bastion reached over SSH.\n"
           "Host keys are checked against ~/.ssh/known_hosts; an unknown key is shown "
           "for you to accept."));
    m_context->setPlaceholderText(tr("the kubeconfig's current context"));
    m_namespace->setPlaceholderText(
        UserPreferences::defaultNamespace().isEmpty()
            ? tr("the context's namespace")
            : tr("%1 (Preferences' default)").arg(UserPreferences::defaultNamespace()));
    m_prometheus->setPlaceholderText(tr("optional: http://prometheus.example:9090"));
    m_prometheus->setToolTip(tr("Credentials come from PERFCASE_PROMETHEUS_TOKEN, or "
                                "PERFCASE_PROMETHEUS_USER and PERFCASE_PROMETHEUS_PASSWORD; "
                                "they are never saved."));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: palette(highlight)"));
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Target:"), m_target);
    form->addRow(tr("Kube &context:"), m_context);
    form->addRow(tr("Name&space:"), m_namespace);
    form->addRow(tr("&Prometheus URL:"), m_prometheus);
    form->addRow(m_problem);
    auto *note = new QLabel(tr("Only read-only kubectl commands run (get, describe, top, logs, "
                               "auth can-i). Passwords and passphrases are asked when needed "
                               "and never saved."));
    note->setWordWrap(true);
    note->setEnabled(false);
    form->addRow(note);

    auto *add = new QPushButton(tr("&New"));
    m_remove = new QPushButton(tr("&Remove"));
    connect(add, &QPushButton::clicked, this, &ConnectDialog::addProfile);
    connect(m_remove, &QPushButton::clicked, this, &ConnectDialog::removeProfile);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(m_remove);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list);
    left->addLayout(listButtons);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(form, 2);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_connect = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(buttons);

    for (const ConnectionProfile &profile : m_profiles)
        m_list->addItem(profile.name);
    connect(m_list, &QListWidget::currentRowChanged, this, &ConnectDialog::showProfile);
    for (QLineEdit *edit : {m_name, m_target, m_context, m_namespace, m_prometheus})
        connect(edit, &QLineEdit::textChanged, this, &ConnectDialog::storeEdits);
    int row = 0;
    for (int i = 0; i < m_profiles.size(); ++i)
        if (m_profiles.at(i).name == active) row = i;
    m_list->setCurrentRow(row);
    resize(760, 360);
}

ConnectionProfile ConnectDialog::chosen() const
{
    const int row = currentRow();
    return row >= 0 ? m_profiles.at(row) : ConnectionProfile{};
}

int ConnectDialog::currentRow() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_profiles.size() ? row : -1;
}

void ConnectDialog::addProfile()
{
    QString name = tr("cluster");
    for (int n = 2; ConnectionProfiles::find(m_profiles, name); ++n)
        name = tr("cluster %1").arg(n);
    m_profiles.append({name, {}, {}, {}, {}});
    m_list->addItem(name);
    m_list->setCurrentRow(int(m_profiles.size()) - 1);
    m_target->setFocus();
}

void ConnectDialog::removeProfile()
{
    const int row = currentRow();
    if (row < 0) return;
    m_profiles.removeAt(row);
    delete m_list->takeItem(row);
    updateState();
}

void ConnectDialog::showProfile(int row)
{
    const ConnectionProfile profile =
        row >= 0 && row < m_profiles.size() ? m_profiles.at(row) : ConnectionProfile{};
    m_filling = true;
    m_name->setText(profile.name);
    m_target->setText(profile.target);
    m_context->setText(profile.context);
    m_namespace->setText(profile.nameSpace);
    m_prometheus->setText(profile.prometheusUrl);
    m_filling = false;
    updateState();
}

void ConnectDialog::storeEdits()
{
    const int row = currentRow();
    if (m_filling || row < 0) return;
    ConnectionProfile &profile = m_profiles[row];
    profile.name = m_name->text().trimmed();
    profile.target = m_target->text().trimmed();
    profile.context = m_context->text().trimmed();
    profile.nameSpace = m_namespace->text().trimmed();
    profile.prometheusUrl = m_prometheus->text().trimmed();
    m_list->item(row)->setText(profile.name);
    updateState();
}

QString ConnectDialog::problemText() const
{
    const int row = currentRow();
    if (row < 0) return tr("Add a profile with New.");
    const ConnectionProfile &profile = m_profiles.at(row);
    for (int i = 0; i < m_profiles.size(); ++i)
        if (i != row && m_profiles.at(i).name == profile.name)
            return tr("Another profile is called \u201c%1\u201d.").arg(profile.name);
    return ConnectionProfiles::problem(profile);
}

void ConnectDialog::updateState()
{
    const bool any = currentRow() >= 0;
    for (QLineEdit *edit : {m_name, m_target, m_context, m_namespace, m_prometheus})
        edit->setEnabled(any);
    m_remove->setEnabled(any);
    const QString problem = problemText();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_connect->setEnabled(problem.isEmpty());
}

} // namespace perfcase
