#include "PreferencesDialog.h"

#include "UserIdentity.h"
#include "UserPreferences.h"
#include "ViewState.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QTimeZone>
#include <QVBoxLayout>

namespace perfcase {

namespace {

const QByteArray kUtc = QByteArrayLiteral("UTC");
const QByteArray kSystem = QByteArrayLiteral("system");

} // namespace

PreferencesDialog::PreferencesDialog(ViewState *view, QWidget *parent)
    : QDialog(parent), m_view(view), m_author(new QLineEdit(this)), m_zone(new QComboBox(this)),
      m_namespace(new QLineEdit(this)), m_theme(new QComboBox(this))
{
    setWindowTitle(tr("Preferences"));
    setMinimumWidth(460);
    m_author->setText(QString::fromStdString(configuredUserName()));
    m_author->setPlaceholderText(QString::fromStdString(osUserName()));
    m_author->setMaxLength(100);
    m_author->setClearButtonEnabled(true);
    m_author->setToolTip(tr("Stamped on your annotations, notes and verdict overrides, so a "
                            "teammate who merges your case sees who wrote what"));

    // UTC first (the default: never the machine's zone unless chosen), then
    // the machine's zone, then every IANA zone; type to jump.
    m_zone->addItem(tr("UTC"), kUtc);
    m_zone->addItem(tr("This machine (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())),
                    kSystem);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        if (id != kUtc) m_zone->addItem(QString::fromUtf8(id), id);
    const QTimeZone current = view->displayZone();
    const int currentIndex = current == QTimeZone::utc() ? 0 : m_zone->findData(current.id());
    m_zone->setCurrentIndex(std::max(currentIndex, 0));
    m_zone->setToolTip(tr("How times are shown everywhere (View › Time Zone too); the case "
                          "keeps UTC whatever is chosen"));

    m_namespace->setText(UserPreferences::defaultNamespace());
    m_namespace->setPlaceholderText(tr("the kube context's own"));
    m_namespace->setClearButtonEnabled(true);
    // A Kubernetes namespace is a DNS-1123 label.
    m_namespace->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")), m_namespace));
    m_namespace->setToolTip(tr("Collecting from a cluster starts from this namespace when the "
                               "connection profile names none"));

    m_theme->addItem(tr("Follow the system"), int(UserPreferences::Theme::System));
    m_theme->addItem(tr("Light"), int(UserPreferences::Theme::Light));
    m_theme->addItem(tr("Dark"), int(UserPreferences::Theme::Dark));
    m_theme->setCurrentIndex(m_theme->findData(int(UserPreferences::theme())));

    auto *form = new QFormLayout;
    form->addRow(tr("&Author name:"), m_author);
    form->addRow(tr("Display &time zone:"), m_zone);
    form->addRow(tr("Default &namespace:"), m_namespace);
    form->addRow(tr("T&heme:"), m_theme);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    if (!qEnvironmentVariableIsEmpty("PERFCASE_AUTHOR")) {
        auto *note = new QLabel(tr("PERFCASE_AUTHOR is set in the environment, so “%1” is used "
                                   "until it is unset.")
                                    .arg(QString::fromStdString(currentUserName())),
                                this);
        note->setWordWrap(true);
        layout->addWidget(note);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QAction *PreferencesDialog::openAction(QWidget *window, ViewState *view)
{
    auto *action = new QAction(tr("&Preferences…"), window);
    action->setShortcut(QKeySequence::Preferences);
    action->setMenuRole(QAction::PreferencesRole);
    connect(action, &QAction::triggered, window, [window, view] {
        auto *dialog = new PreferencesDialog(view, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    return action;
}

void PreferencesDialog::accept()
{
    setConfiguredUserName(m_author->text().toStdString());
    const QByteArray zone = m_zone->currentData().toByteArray();
    m_view->setDisplayZone(zone == kUtc      ? QTimeZone::utc()
                           : zone == kSystem ? QTimeZone::systemTimeZone()
                                             : QTimeZone(zone));
    UserPreferences::setDefaultNamespace(m_namespace->text());
    const auto theme = UserPreferences::Theme(m_theme->currentData().toInt());
    if (theme != UserPreferences::theme()) {
        UserPreferences::setTheme(theme);
        UserPreferences::applyTheme(theme);
    }
    QDialog::accept();
}

} // namespace perfcase
