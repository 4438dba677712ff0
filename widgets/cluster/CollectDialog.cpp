#include "CollectDialog.h"

#include "collect/KubeArguments.h"
#include "playbook/CollectPlan.h"
#include "playbook/Playbook.h"
#include "transport/ShellQuote.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>
#include <exception>

namespace perfcase {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

QString settingsKey(const QString &parameterId)
{
    return QStringLiteral("cluster/parameters/") + parameterId;
}

} // namespace

CollectDialog::CollectDialog(const Playbook &playbook, const QString &stepId,
                             const ConnectionProfile &profile, QWidget *parent)
    : QDialog(parent), m_playbook(playbook), m_stepId(stepId.toStdString()), m_profile(profile),
      m_since(new QLineEdit(QStringLiteral("1h"))), m_preview(new QPlainTextEdit),
      m_problem(new QLabel)
{
    const Step *step = m_stepId.empty() ? nullptr : playbook.step(m_stepId);
    setWindowTitle(step ? tr("Collect for \u201c%1\u201d").arg(fromStd(step->title))
                        : tr("Collect for the Playbook"));
    auto *heading =
        new QLabel(tr("<b>%1</b><br>on <b>%2</b> (%3)")
                       .arg(fromStd(playbook.title).toHtmlEscaped(), profile.name.toHtmlEscaped(),
                            profile.target.toHtmlEscaped()));
    heading->setWordWrap(true);

    auto *form = new QFormLayout;
    for (const Parameter &parameter : playbook.parameters) {
        const QString id = fromStd(parameter.id);
        auto *edit = new QLineEdit;
        QString value = rememberedValue(id);
        if (id == QLatin1String("namespace") && !profile.nameSpace.isEmpty())
            value = profile.nameSpace;
        else if (id == QLatin1String("namespace") && value.isEmpty())
            value = profile.effectiveNamespace();
        edit->setText(value);
        edit->setPlaceholderText(parameter.defaultValue.empty()
                                     ? (parameter.required ? tr("required") : tr("optional"))
                                     : fromStd(parameter.defaultValue));
        edit->setToolTip(
            tr("%1 (on the command line: --param %2=…)").arg(fromStd(parameter.title), id));
        m_fields.insert(id, edit);
        // A required field shows "required" in grey while it is empty.
        QString label = id;
        label[0] = label[0].toUpper();
        form->addRow(label + u':', edit);
        connect(edit, &QLineEdit::textChanged, this, &CollectDialog::updatePlan);
    }
    m_since->setToolTip(tr("How far back pod logs go (kubectl logs --since): 90s, 15m, 1h30m"));
    form->addRow(tr("Logs &since:"), m_since);
    connect(m_since, &QLineEdit::textChanged, this, &CollectDialog::updatePlan);

    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_collect = buttons->addButton(tr("&Collect"), QDialogButtonBox::AcceptRole);
    m_collect->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        remember(values());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("These read-only commands will run, after kubectl version "
                                    "and auth can-i for each permission:")));
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(720, 420);
    updatePlan();
}

std::map<std::string, std::string> CollectDialog::values() const
{
    std::map<std::string, std::string> values;
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it)
        if (!it.value()->text().trimmed().isEmpty())
            values[it.key().toStdString()] = it.value()->text().trimmed().toStdString();
    return values;
}

QString CollectDialog::previewText() const
{
    return m_preview->toPlainText();
}

QString CollectDialog::problemText() const
{
    return m_problem->text();
}

void CollectDialog::updatePlan()
{
    m_requests.clear();
    QString problem;
    QStringList lines;
    try {
        KubeScope base;
        base.context = m_profile.context.toStdString();
        base.since = KubeArguments::duration(m_since->text().trimmed().toStdString(), "since");
        const CollectPlan plan = CollectPlan::build(m_playbook, values(), m_stepId);
        m_requests = KubeCollector::requestsFor(plan, base);
        for (const auto &request : m_requests) {
            const KubeCommand command = KubeCatalogue::command(request.collector, request.scope);
            lines << fromStd(shellCommand(command.argv));
            if (request.collector == "logs")
                lines << tr("  then kubectl logs --timestamps for every container of its pods");
        }
        if (m_requests.empty()) problem = tr("This playbook has nothing to collect here.");
    } catch (const std::exception &error) {
        m_requests.clear();
        problem = fromStd(error.what());
    }
    m_preview->setPlainText(lines.join(QLatin1Char('\n')));
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    if (m_collect) m_collect->setEnabled(problem.isEmpty());
}

QString CollectDialog::rememberedValue(const QString &parameterId)
{
    return QSettings().value(settingsKey(parameterId)).toString();
}

void CollectDialog::remember(const std::map<std::string, std::string> &values)
{
    QSettings settings;
    for (const auto &[id, value] : values)
        settings.setValue(settingsKey(fromStd(id)), fromStd(value));
}

} // namespace perfcase
