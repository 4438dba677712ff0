// perfcase_docshots OUT [--size WxH]: the user guide's pictures, taken from
// the real window on the bundled demo case, and a layout check of every
// screen it shows.
//
// It opens MainWindow on the demo case (MainWindow::openDemo), walks the
// screens the guide describes — the window, the timeline with a selection
// and a note, the log explorer searching, the checklist on a failed step,
// the Case dock, the SQL console, Cluster › Connect…, the host key
// question, the Collect and Prometheus dialogs, the share review,
// Preferences, Keyboard Shortcuts, About, and an import of
// resources/samples with its report — and saves each as OUT/NAME.png
// (QWidget::grab, so device pixels: QT_SCALE_FACTOR=2 gives 2x pictures).
// Dialogs are opened the way the window opens them (menu actions, open()
// or exec()) and grabbed once their events are processed; nothing connects
// anywhere (the cluster profile is an example, never connected).
//
// For each screen it walks the visible labels, buttons, line edits, combo
// boxes, group boxes and tab bars and reports on stderr any that is smaller
// than its minimumSizeHint (clipped), whose text does not fit (a combo
// box's current item, an empty field's placeholder), that sticks out of its
// parent, or that overlaps a visible sibling of the same layout. Exit 0:
// all screens taken, nothing found; 1: a layout problem; 2: a screen could
// not be taken.
//
// Settings and data go to a temporary XDG_CONFIG_HOME / XDG_DATA_HOME: the
// user's own are never read or written. docs/screenshots/make-screenshots.sh
// runs it under Xvfb; ctest runs it offscreen (tst_docshots).
#include "CaseExplorer.h"
#include "CaseFile.h"
#include "CaseTreeModel.h"
#include "ChecklistDock.h"
#include "ChecklistModel.h"
#include "ClusterController.h"
#include "CollectDialog.h"
#include "ConnectDialog.h"
#include "ConnectionProfiles.h"
#include "EvidenceModel.h"
#include "GuiPrompter.h"
#include "ImportReportDialog.h"
#include "LogExplorer.h"
#include "LogExplorerModel.h"
#include "MainWindow.h"
#include "OverrideDialog.h"
#include "PreferencesDialog.h"
#include "PrometheusDialog.h"
#include "ShareExporter.h"
#include "ShareReviewDialog.h"
#include "ShortcutsDialog.h"
#include "SqlConsole.h"
#include "StepDetails.h"
#include "QCustomPlotInclude.h"
#include "TimelineWidget.h"
#include "ViewState.h"
#include "transport/HostKey.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QGroupBox>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QStyleOptionFrame>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QTreeView>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <future>
#include <optional>
#include <utility>

using namespace perfcase;

namespace {

constexpr int kTimeoutMs = 60'000; // a loaded machine builds the demo slowly
constexpr int kSettleMs = 300;     // queued refreshes, replots, size adjustments

QString plain(QString text)
{
    return text.remove(QLatin1Char('&'));
}

void say(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
}

// What a widget shows, to name it in a report.
QString shownText(const QWidget *widget)
{
    QString text;
    if (auto *label = qobject_cast<const QLabel *>(widget))
        text = label->text().isEmpty() && !label->pixmap().isNull()
                   ? QStringLiteral("[picture]")
                   : QTextDocumentFragment::fromHtml(label->text()).toPlainText();
    else if (auto *button = qobject_cast<const QAbstractButton *>(widget))
        text = button->text().isEmpty() ? button->toolTip() : plain(button->text());
    else if (auto *edit = qobject_cast<const QLineEdit *>(widget))
        text = edit->text().isEmpty() ? edit->placeholderText() : edit->text();
    else if (auto *combo = qobject_cast<const QComboBox *>(widget))
        text = combo->currentText();
    else if (auto *group = qobject_cast<const QGroupBox *>(widget))
        text = plain(group->title());
    else if (auto *tabs = qobject_cast<const QTabBar *>(widget)) {
        QStringList names;
        for (int i = 0; i < tabs->count(); ++i)
            names << plain(tabs->tabText(i));
        text = names.join(QLatin1String(" | "));
    }
    text = text.simplified();
    if (text.size() > 60) text = text.left(57) + QStringLiteral("...");
    return text;
}

QString describe(const QWidget *widget)
{
    QString name = QString::fromLatin1(widget->metaObject()->className());
    if (!widget->objectName().isEmpty()) name += QLatin1Char('#') + widget->objectName();
    // Where it is: the nearest of our own classes, and the dock or window.
    QStringList where;
    for (const QWidget *up = widget->parentWidget(); up; up = up->parentWidget()) {
        const QString className = QString::fromLatin1(up->metaObject()->className());
        if (where.isEmpty() && className.startsWith(QLatin1String("perfcase::")))
            where << className.mid(10);
        if (qobject_cast<const QDockWidget *>(up) || up->isWindow()) {
            const QString outer = up->objectName().isEmpty() || up->isWindow()
                                      ? className.section(QLatin1String("::"), -1)
                                      : up->objectName();
            if (where.value(0) != outer) where << outer;
            break;
        }
    }
    if (!where.isEmpty()) name += QStringLiteral(" in ") + where.join(QLatin1String(" in "));
    return name + QStringLiteral(" \"") + shownText(widget) + QLatin1Char('"');
}

// The parts of Qt's composite widgets (a dock's title buttons, a line
// edit's clear button, a spin box's editor): Qt sizes them, not us.
bool isQtPart(const QWidget *widget)
{
    const QWidget *parent = widget->parentWidget();
    return widget->objectName().startsWith(QLatin1String("qt_")) ||
           qobject_cast<const QLineEdit *>(parent) || qobject_cast<const QAbstractSpinBox *>(parent) ||
           (qobject_cast<const QDockWidget *>(parent) &&
            static_cast<const QDockWidget *>(parent)->widget() != widget);
}

// Text that does not fit where it is drawn though the widget is as large
// as its minimumSizeHint says: a combo box's current item, a line edit's
// placeholder (an empty field squeezed by its neighbours). 0 when it fits.
int textOverflow(const QWidget *widget)
{
    if (auto *combo = qobject_cast<const QComboBox *>(widget)) {
        QStyleOptionComboBox option;
        option.initFrom(combo);
        option.editable = combo->isEditable();
        option.currentText = combo->currentText();
        option.currentIcon = combo->itemIcon(combo->currentIndex());
        option.iconSize = combo->iconSize();
        const QRect field = combo->style()->subControlRect(QStyle::CC_ComboBox, &option,
                                                           QStyle::SC_ComboBoxEditField, combo);
        int need = combo->fontMetrics().horizontalAdvance(option.currentText);
        if (!option.currentIcon.isNull()) need += option.iconSize.width() + 4;
        return std::max(0, need - field.width());
    }
    if (auto *edit = qobject_cast<const QLineEdit *>(widget);
        edit && edit->text().isEmpty() && !edit->placeholderText().isEmpty()) {
        QStyleOptionFrame option;
        option.initFrom(edit);
        const QRect field =
            edit->style()->subElementRect(QStyle::SE_LineEditContents, &option, edit);
        const QMargins margins = edit->textMargins();
        // QLineEdit's own 2 px on each side, and room for its action icons.
        int room = field.width() - margins.left() - margins.right() - 4;
        for (QAction *action : edit->actions())
            if (action->isVisible()) room -= edit->height();
        return std::max(0, edit->fontMetrics().horizontalAdvance(edit->placeholderText()) - room);
    }
    return 0;
}

bool isChecked(const QWidget *widget)
{
    if (isQtPart(widget)) return false;
    return qobject_cast<const QLabel *>(widget) || qobject_cast<const QAbstractButton *>(widget) ||
           qobject_cast<const QLineEdit *>(widget) || qobject_cast<const QComboBox *>(widget) ||
           qobject_cast<const QGroupBox *>(widget) || qobject_cast<const QTabBar *>(widget);
}

// Children of an item view's viewport or of a scroll area scroll: being cut
// by their parent is what scrolling is.
bool scrolls(const QWidget *parent)
{
    const QWidget *area = parent ? parent->parentWidget() : nullptr;
    auto *scroll = qobject_cast<const QAbstractScrollArea *>(area);
    return scroll && scroll->viewport() == parent;
}

bool managedBy(const QLayout *layout, const QWidget *widget)
{
    if (!layout) return false;
    for (int i = 0; i < layout->count(); ++i) {
        QLayoutItem *item = layout->itemAt(i);
        if (item->widget() == widget) return true;
        if (managedBy(item->layout(), widget)) return true;
    }
    return false;
}

// The size a widget needs to show all it holds: its minimumSizeHint, but
// for a word-wrapped label the height its text takes at its width.
QSize needed(const QWidget *widget)
{
    QSize hint = widget->minimumSizeHint();
    if (auto *label = qobject_cast<const QLabel *>(widget); label && label->wordWrap())
        hint.setHeight(label->heightForWidth(label->width()));
    return hint;
}

class Shooter
{
public:
    Shooter(MainWindow &window, const QString &out) : m_window(window), m_out(out) {}

    int layoutProblems() const { return m_layoutProblems; }
    int failures() const { return m_failures; }
    QStringList taken() const { return m_taken; }

    void fail(const QString &screen, const QString &why)
    {
        ++m_failures;
        say(QStringLiteral("FAILED %1: %2").arg(screen, why));
    }

    // Lets queued work run and the screen paint.
    static void settle(int ms = kSettleMs)
    {
        QTest::qWait(ms);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QCoreApplication::processEvents();
    }

    bool waitFor(const QString &screen, const QString &what, const std::function<bool()> &done,
                 int timeoutMs = kTimeoutMs)
    {
        if (QTest::qWaitFor(done, timeoutMs)) return true;
        fail(screen, QStringLiteral("timed out waiting for ") + what);
        return false;
    }

    // Saves OUT/NAME.png from the widget and checks its layout.
    bool shoot(const QString &screen, QWidget *widget)
    {
        if (!widget || !widget->isVisible()) {
            fail(screen, QStringLiteral("nothing visible to grab"));
            return false;
        }
        settle();
        const QPixmap picture = widget->grab();
        const QString path = m_out + QLatin1Char('/') + screen + QStringLiteral(".png");
        if (picture.isNull() || !picture.save(path, "PNG", 0)) {
            fail(screen, QStringLiteral("cannot write ") + path);
            return false;
        }
        m_taken << screen;
        say(QStringLiteral("shot %1: %2x%3 px").arg(screen).arg(picture.width()).arg(
            picture.height()));
        check(screen, widget);
        return true;
    }

    // Runs trigger(), which opens a dialog with open() or exec(); once a
    // visible top-level widget found by find() is there, prepare() fills
    // it, it is shot, and close() closes it (by default reject(), or
    // close()). Works from inside the dialog's own exec() loop too.
    void shootDialog(const QString &screen, const std::function<void()> &trigger,
                     const std::function<QWidget *()> &find,
                     const std::function<void(QWidget *)> &prepare = {},
                     const std::function<void(QWidget *)> &close = {})
    {
        bool done = false;
        QTimer poll;
        poll.setInterval(50);
        QElapsedTimer clock;
        QObject::connect(&poll, &QTimer::timeout, [&] {
            QWidget *dialog = find();
            if (!dialog || !dialog->isVisible()) {
                if (clock.elapsed() > kTimeoutMs) {
                    poll.stop();
                    fail(screen, QStringLiteral("the dialog did not open"));
                    done = true;
                }
                return;
            }
            poll.stop();
            QPointer<QWidget> guard(dialog);
            if (!QTest::qWaitForWindowExposed(dialog))
                say(QStringLiteral("note %1: the dialog was not exposed").arg(screen));
            if (prepare && guard) prepare(dialog);
            if (guard) shoot(screen, dialog);
            if (guard) {
                if (close)
                    close(dialog);
                else if (auto *asDialog = qobject_cast<QDialog *>(dialog))
                    asDialog->reject();
                else
                    dialog->close();
            }
            done = true;
        });
        clock.start();
        poll.start();
        trigger();
        waitFor(screen, QStringLiteral("the dialog to close"), [&] { return done; });
        settle(100);
    }

    // The first visible top-level widget of type T (with test(T) true).
    template <typename T>
    static std::function<QWidget *()> visible(std::function<bool(T *)> test = {})
    {
        return [test]() -> QWidget * {
            for (QWidget *top : QApplication::topLevelWidgets())
                if (auto *candidate = qobject_cast<T *>(top);
                    candidate && candidate->isVisible() && (!test || test(candidate)))
                    return candidate;
            return nullptr;
        };
    }

    QAction *menuAction(const QString &screen, const QString &menu, const QString &item)
    {
        for (QAction *top : m_window.menuBar()->actions()) {
            if (!top->menu() || plain(top->text()) != menu) continue;
            for (QAction *action : top->menu()->actions())
                if (plain(action->text()).startsWith(item)) return action;
        }
        fail(screen, QStringLiteral("no menu item %1 › %2").arg(menu, item));
        return nullptr;
    }

    void trigger(QAction *action)
    {
        if (action) action->trigger();
    }

private:
    void report(const QString &screen, const QString &problem)
    {
        // The same widget in the same state shows on several screens: once.
        if (m_reported.contains(problem)) return;
        m_reported.insert(problem);
        ++m_layoutProblems;
        say(QStringLiteral("%1: %2").arg(screen, problem));
    }

    void check(const QString &screen, QWidget *root)
    {
        QList<QWidget *> widgets = root->findChildren<QWidget *>();
        widgets.prepend(root);
        for (QWidget *widget : std::as_const(widgets)) {
            if (!isChecked(widget) || widget->isWindow() || !widget->isVisibleTo(root) ||
                (widget != root && !root->isVisible()))
                continue;
            const QSize need = needed(widget);
            if (widget->width() < need.width() || widget->height() < need.height())
                report(screen, QStringLiteral("CLIPPED %1: %2x%3 px, needs %4x%5")
                                   .arg(describe(widget))
                                   .arg(widget->width())
                                   .arg(widget->height())
                                   .arg(need.width())
                                   .arg(need.height()));
            if (const int overflow = textOverflow(widget); overflow > 0)
                report(screen, QStringLiteral("CLIPPED %1: its text needs %2 px more")
                                   .arg(describe(widget))
                                   .arg(overflow));
            QWidget *parent = widget->parentWidget();
            if (!parent || widget == root || scrolls(parent)) continue;
            const QRect inside = widget->geometry() & parent->rect();
            if (inside != widget->geometry())
                report(screen,
                       QStringLiteral("CLIPPED %1: only %2x%3 of %4x%5 px inside its parent %6")
                           .arg(describe(widget))
                           .arg(inside.width())
                           .arg(inside.height())
                           .arg(widget->width())
                           .arg(widget->height())
                           .arg(QString::fromLatin1(parent->metaObject()->className())));
            if (!managedBy(parent->layout(), widget)) continue;
            for (QObject *child : parent->children()) {
                auto *sibling = qobject_cast<QWidget *>(child);
                if (!sibling || sibling == widget || sibling->isWindow() ||
                    !sibling->isVisibleTo(root) || !managedBy(parent->layout(), sibling))
                    continue;
                // Each pair once: from the checked widget that comes first.
                if (isChecked(sibling) && sibling < widget) continue;
                const QRect common = widget->geometry() & sibling->geometry();
                if (common.width() > 0 && common.height() > 0)
                    report(screen, QStringLiteral("OVERLAP %1 and %2 by %3x%4 px")
                                       .arg(describe(widget), describe(sibling))
                                       .arg(common.width())
                                       .arg(common.height()));
            }
        }
    }

    MainWindow &m_window;
    QString m_out;
    int m_layoutProblems = 0;
    int m_failures = 0;
    QStringList m_taken;
    QSet<QString> m_reported;
};

struct Options
{
    QString out;
    QSize size{1366, 768}; // device pixels
};

int usage()
{
    say(QStringLiteral("usage: perfcase_docshots OUT_DIR [--size WIDTHxHEIGHT]\n"
                       "  Saves the user guide's screenshots as OUT_DIR/*.png and reports "
                       "clipped or overlapping widgets.\n"
                       "  --size: the window in device pixels (default 1366x768; with "
                       "QT_SCALE_FACTOR=2, 2560x1440 is a 1280x720 window)"));
    return 2;
}

std::optional<Options> parse(int argc, char **argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const QString argument = QString::fromLocal8Bit(argv[i]);
        if (argument == QLatin1String("--size") && i + 1 < argc) {
            const QStringList parts = QString::fromLocal8Bit(argv[++i]).split(QLatin1Char('x'));
            bool w = false, h = false;
            if (parts.size() == 2)
                options.size = QSize(parts[0].toInt(&w), parts[1].toInt(&h));
            if (!w || !h || options.size.width() < 200 || options.size.height() < 200)
                return std::nullopt;
        } else if (argument.startsWith(QLatin1Char('-')) || !options.out.isEmpty()) {
            return std::nullopt;
        } else {
            options.out = argument;
        }
    }
    if (options.out.isEmpty()) return std::nullopt;
    return options;
}

// A log of a worker with what an import rejects: lines before the first
// record and a binary line.
bool writeNoisyLog(const QString &path)
{
    QByteArray bytes = "=== worker restarted, replaying the crash buffer ===\n"
                       "--- no time on this line either ---\n";
    for (int i = 0; i < 40; ++i) {
        bytes += "2026-11-20T10:0" + QByteArray::number(i / 10) + ":" +
                 QByteArray::number(10 + i) + ".250Z " + (i % 9 == 4 ? "ERROR" : "INFO") +
                 " export job " + QByteArray::number(1000 + i) + " finished in " +
                 QByteArray::number(120 + i * 37) + " ms\n";
        if (i == 20) bytes += QByteArray("\x00\x01\x02\xff\xfe binary\x00 junk\n", 19);
    }
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

int main(int argc, char **argv)
{
    const std::optional<Options> options = parse(argc, argv);
    if (!options) return usage();

    // Settings and data in a folder of our own, before Qt reads any.
    QTemporaryDir home(QDir::tempPath() + QStringLiteral("/perfcase-docshots-XXXXXX"));
    if (!home.isValid()) {
        say(QStringLiteral("cannot make a temporary folder"));
        return 2;
    }
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(home.filePath(QStringLiteral("cache"))));
    qunsetenv("PERFCASE_AUTHOR"); // Preferences would say it wins
    qunsetenv("PERFCASE_PROMETHEUS_TOKEN");

    QApplication app(argc, argv);
    // As GuiMain names it, so settings and data paths are the app's own.
    QApplication::setApplicationName(QStringLiteral("perfcase"));
    QApplication::setOrganizationName(QStringLiteral("perfcase"));
    QApplication::setApplicationDisplayName(QStringLiteral("Perfcase"));
    QApplication::setApplicationVersion(QStringLiteral(PERFCASE_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/perfcase.svg")));

    const QString out = QDir(options->out).absolutePath();
    if (!QDir().mkpath(out)) {
        say(QStringLiteral("cannot create ") + out);
        return 2;
    }
    // Who writes the notes, an example cluster profile (never connected)
    // and the deployment last collected from.
    QSettings().setValue(QStringLiteral("identity/author"), QStringLiteral("alice"));
    ConnectionProfiles::save({{QStringLiteral("shop-prod"), QStringLiteral("ssh://ops@bastion"),
                               QStringLiteral("prod"), QStringLiteral("shop"),
                               QStringLiteral("http://prometheus.monitoring:9090")}});
    ConnectionProfiles::setActiveName(QStringLiteral("shop-prod"));
    CollectDialog::remember({{"deployment", "api"}});

    MainWindow window;
    const qreal ratio = window.devicePixelRatioF() > 0 ? window.devicePixelRatioF() : 1.0;
    const QSize logical(qRound(options->size.width() / ratio),
                        qRound(options->size.height() / ratio));
    window.move(0, 0);
    window.resize(logical);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) say(QStringLiteral("note: window not exposed"));
    say(QStringLiteral("window %1x%2 (device pixel ratio %3) on %4")
            .arg(logical.width())
            .arg(logical.height())
            .arg(ratio)
            .arg(QGuiApplication::platformName()));
    Shooter shooter(window, out);
    ViewState *view = window.viewState();
    ChecklistDock *checklist = window.checklist();

    // No case yet.
    shooter.shoot(QStringLiteral("welcome"), &window);

    // The demo case, checked with import-lag; the first failed step is selected.
    window.openDemo();
    if (window.casePath().isEmpty()) {
        shooter.fail(QStringLiteral("overview"), QStringLiteral("the demo case did not open"));
        return 2;
    }
    shooter.waitFor(QStringLiteral("overview"), QStringLiteral("the checklist"), [&] {
        return !checklist->isBusy() && checklist->model()->hasSnapshot() &&
               !checklist->currentStepId().isEmpty();
    });
    // The step that ties the two sides together, with a note on it.
    if (checklist->model()->stepIndex(QStringLiteral("ws-rerender-storm")).isValid())
        checklist->selectStep(QStringLiteral("ws-rerender-storm"));
    checklist->addNote(QStringLiteral("Scrolling stutters while the cell_update emits arrive; "
                                      "the API itself answers in time."));
    shooter.waitFor(QStringLiteral("overview"), QStringLiteral("the note"),
                    [&] { return !checklist->isBusy(); });
    Shooter::settle(1000);
    window.statusBar()->clearMessage(); // "Opened <temporary path>" goes after 5 s anyway
    shooter.shoot(QStringLiteral("overview"), &window);

    // The timeline: a range selected, a note over it (Timeline › Add Note).
    TimelineWidget *timeline = window.timeline();
    timeline->fitAll();
    const ViewState::Range all = timeline->visibleRange();
    const qint64 span = all.to - all.from;
    view->setSelection(ViewState::Range{all.from + span * 30 / 100, all.from + span * 48 / 100});
    Shooter::settle();
    shooter.shootDialog(
        QStringLiteral("timeline-note"),
        [&] { shooter.trigger(timeline->addAnnotationAction()); },
        Shooter::visible<QInputDialog>(),
        [](QWidget *dialog) {
            static_cast<QInputDialog *>(dialog)->setTextValue(
                QStringLiteral("Column run: cell_update flood"));
        },
        [](QWidget *dialog) { static_cast<QInputDialog *>(dialog)->accept(); });
    Shooter::settle(500);
    shooter.shoot(QStringLiteral("timeline-top"), timeline);
    // Scrolled down to the browser lanes and the time axis.
    if (auto *scroll = timeline->findChild<QScrollArea *>()) {
        scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
        shooter.shoot(QStringLiteral("timeline"), timeline);
        scroll->verticalScrollBar()->setValue(0);
    }
    // Every lane at once, for looking at (the panel scrolls).
    shooter.shoot(QStringLiteral("timeline-lanes"), timeline->plot());

    // The log explorer: the selection's templates, then a search.
    LogExplorer *logs = window.logExplorer();
    if (auto *tabs = logs->findChild<QTabWidget *>()) {
        tabs->setCurrentIndex(1);
        Shooter::settle(800);
        shooter.shoot(QStringLiteral("log-patterns"), logs);
        tabs->setCurrentIndex(0);
    } else {
        shooter.fail(QStringLiteral("log-patterns"), QStringLiteral("no Patterns tab"));
    }
    view->setSelection(std::nullopt);
    logs->searchField()->setFocus();
    QTest::keyClicks(logs->searchField(), QStringLiteral("slow"));
    QTest::keyClick(logs->searchField(), Qt::Key_Return);
    shooter.waitFor(QStringLiteral("log-explorer"), QStringLiteral("search matches"),
                    [&] { return logs->model()->rowCount() > 0; });
    Shooter::settle(800);
    if (logs->model()->rowCount() > 1) logs->table()->selectRow(1);
    shooter.shoot(QStringLiteral("log-explorer"), logs);

    // The checklist: the failed step's evidence, its first row clicked.
    if (QTableView *evidence = checklist->details()->evidenceView();
        evidence->model() && evidence->model()->rowCount() > 0) {
        const QRect row = evidence->visualRect(evidence->model()->index(0, 0));
        QTest::mouseClick(evidence->viewport(), Qt::LeftButton, {}, row.center());
    }
    shooter.shoot(QStringLiteral("checklist"), window.checklistDock());
    shooter.shootDialog(
        QStringLiteral("override-dialog"), [&] { checklist->openOverrideDialog(); },
        Shooter::visible<OverrideDialog>(), [](QWidget *dialog) {
            auto *override = static_cast<OverrideDialog *>(dialog);
            override->setVerdict(QStringLiteral("inconclusive"));
            override->setJustification(
                QStringLiteral("The trace was recorded with DevTools open: frames are slower "
                               "than users see. Re-record without it before deciding."));
        });

    // The Case dock and the SQL console (View › SQL Console).
    if (auto *caseDock = window.findChild<QDockWidget *>(QStringLiteral("caseDock"))) {
        // Dragged wider, as one does to read the columns (the checklist
        // closed, Ctrl+3); a source opened.
        const int width = caseDock->width();
        window.checklistDock()->hide();
        window.resizeDocks({caseDock}, {logical.width() * 60 / 100}, Qt::Horizontal);
        CaseExplorer *explorer = window.caseExplorer();
        const CaseTreeModel *tree = explorer->treeModel();
        for (int row = 0; row < tree->rowCount(); ++row)
            if (tree->index(row, CaseTreeModel::Name).data().toString() ==
                QLatin1String("trace.json.gz"))
                explorer->treeView()->expand(tree->index(row, CaseTreeModel::Name));
        shooter.shoot(QStringLiteral("case-explorer"), caseDock);
        window.checklistDock()->show();
        window.resizeDocks({caseDock}, {width}, Qt::Horizontal);
    } else
        shooter.fail(QStringLiteral("case-explorer"), QStringLiteral("no Case dock"));
    auto *consoleDock = window.findChild<QDockWidget *>(QStringLiteral("consoleDock"));
    if (consoleDock) {
        // The checklist closed (Ctrl+3) gives the console the height to
        // show its rows: the checklist's minimum height holds it down.
        window.checklistDock()->hide();
        consoleDock->show();
        Shooter::settle(100);
        window.resizeDocks({consoleDock}, {logical.height() * 45 / 100}, Qt::Vertical);
        SqlConsole *console = window.sqlConsole();
        console->setSql(QStringLiteral(
            "SELECT track, count(*) AS slices, round(max(dur) / 1e6, 1) AS longest_ms\n"
            "FROM v_slices GROUP BY track ORDER BY longest_ms DESC"));
        // The divider dragged up: the editor as tall as the query.
        if (auto *split = console->findChild<QSplitter *>(); split && split->count() == 2)
            split->setSizes({70, 1000});
        console->run();
        shooter.waitFor(QStringLiteral("sql-console"), QStringLiteral("the query"),
                        [&] { return !console->isRunning(); });
        if (console->lastRunFailed())
            shooter.fail(QStringLiteral("sql-console"), console->message());
        shooter.shoot(QStringLiteral("sql-console"), consoleDock);
        consoleDock->hide();
        window.checklistDock()->show();
    } else {
        shooter.fail(QStringLiteral("sql-console"), QStringLiteral("no SQL Console dock"));
    }

    // Cluster: the example profile (Cluster › Connect…), an unknown host
    // key as the first connection asks it, Collect for the Playbook…,
    // Prometheus Query…. Nothing is connected or run.
    ClusterController *cluster = window.cluster();
    shooter.shootDialog(
        QStringLiteral("connect-dialog"),
        [&] { shooter.trigger(shooter.menuAction(QStringLiteral("connect-dialog"),
                                                 QStringLiteral("Cluster"),
                                                 QStringLiteral("Connect"))); },
        Shooter::visible<ConnectDialog>());
    {
        const HostKey key{"ssh-ed25519", std::string("\0\0\0\x0bssh-ed25519", 15) +
                                             std::string("perfcase-docs-example-host-key!!")};
        std::future<bool> answer;
        shooter.shootDialog(
            QStringLiteral("host-key"),
            [&] {
                answer = std::async(std::launch::async, [&] {
                    return cluster->prompter()->acceptNewHostKey("bastion", 22, key);
                });
            },
            Shooter::visible<QMessageBox>(
                [](QMessageBox *box) { return box->text().contains(QLatin1String("bastion")); }),
            {},
            [](QWidget *dialog) {
                static_cast<QMessageBox *>(dialog)->button(QMessageBox::Cancel)->click();
            });
        if (answer.valid()) answer.wait();
    }
    shooter.shootDialog(
        QStringLiteral("collect-dialog"), [&] { shooter.trigger(cluster->collectAction()); },
        Shooter::visible<CollectDialog>());
    // Its window is the selection, else what the timeline shows: all of it.
    view->setSelection(std::nullopt);
    timeline->fitAll();
    shooter.shootDialog(
        QStringLiteral("prometheus-dialog"), [&] { shooter.trigger(cluster->prometheusAction()); },
        Shooter::visible<PrometheusDialog>());

    // File › Export for Sharing…: the review of the redacted copy, discarded.
    ShareExporter *sharer = window.sharer();
    shooter.shootDialog(
        QStringLiteral("share-review"),
        [&] {
            sharer->exportTo(window.casePath(),
                             home.filePath(QStringLiteral("import-lag-demo-shared.perfcase")));
        },
        Shooter::visible<ShareReviewDialog>());
    shooter.waitFor(QStringLiteral("share-review"), QStringLiteral("the export to end"),
                    [&] { return !sharer->isBusy(); });

    // Edit › Preferences…, Help › Keyboard Shortcuts, Help › About Perfcase.
    shooter.shootDialog(
        QStringLiteral("preferences"),
        [&] { shooter.trigger(shooter.menuAction(QStringLiteral("preferences"),
                                                 QStringLiteral("Edit"),
                                                 QStringLiteral("Preferences"))); },
        Shooter::visible<PreferencesDialog>());
    shooter.shootDialog(
        QStringLiteral("shortcuts"),
        [&] { shooter.trigger(shooter.menuAction(QStringLiteral("shortcuts"),
                                                 QStringLiteral("Help"),
                                                 QStringLiteral("Keyboard Shortcuts"))); },
        Shooter::visible<ShortcutsDialog>());
    shooter.shootDialog(
        QStringLiteral("about"),
        [&] { shooter.trigger(shooter.menuAction(QStringLiteral("about"), QStringLiteral("Help"),
                                                 QStringLiteral("About"))); },
        Shooter::visible<QDialog>([](QDialog *dialog) {
            return dialog->windowTitle().contains(QLatin1String("About"));
        }));

    // Importing: resources/samples and a log with unreadable lines into a
    // new case; the status bar while it runs, the report, the rejected lines.
    const QString fresh = home.filePath(QStringLiteral("checkout-latency.perfcase"));
    const QString noisy = home.filePath(QStringLiteral("export-worker.log"));
    try {
        CaseFile::create(fresh.toStdString(), "Checkout latency", "alice");
    } catch (const std::exception &error) {
        shooter.fail(QStringLiteral("import-report"), QString::fromStdString(error.what()));
    }
    window.openCase(fresh);
    if (!writeNoisyLog(noisy) || window.casePath() != QFileInfo(fresh).absoluteFilePath()) {
        shooter.fail(QStringLiteral("import-report"), QStringLiteral("cannot open a new case"));
    } else {
        bool finished = false;
        QObject::connect(&window, &MainWindow::importFinished, [&] { finished = true; });
        if (!window.importPaths({QStringLiteral(PERFCASE_SAMPLES), noisy})) {
            shooter.fail(QStringLiteral("import-progress"), QStringLiteral("import refused"));
        } else {
            QCoreApplication::processEvents();
            const QPixmap progress = window.statusBar()->grab();
            progress.save(out + QStringLiteral("/import-progress.png"), "PNG", 0);
            shooter.waitFor(QStringLiteral("import-report"), QStringLiteral("the import"),
                            [&] { return finished; });
            Shooter::settle(500);
            // With rejected lines the report opens by itself; else File › Last Import Report….
            auto report = Shooter::visible<ImportReportDialog>();
            shooter.shootDialog(
                QStringLiteral("import-report"),
                [&] {
                    if (!report())
                        shooter.trigger(shooter.menuAction(QStringLiteral("import-report"),
                                                           QStringLiteral("File"),
                                                           QStringLiteral("Last Import Report")));
                },
                report);
            shooter.shoot(QStringLiteral("import-status"), window.statusBar());
            CaseExplorer *explorer = window.caseExplorer();
            const CaseTreeModel *tree = explorer->treeModel();
            for (int row = 0; row < tree->rowCount(); ++row) {
                const QModelIndex rejected = tree->index(row, CaseTreeModel::Rejected);
                if (rejected.data().toString().remove(QRegularExpression(QStringLiteral("\\D")))
                        .toLongLong() > 0) {
                    explorer->treeView()->setCurrentIndex(rejected.siblingAtColumn(0));
                    explorer->showImportErrors(
                        rejected.data(CaseTreeModel::SourceIdRole).toLongLong());
                    break;
                }
            }
            if (auto *caseDock = window.findChild<QDockWidget *>(QStringLiteral("caseDock")))
                shooter.shoot(QStringLiteral("import-errors"), caseDock);
        }
    }

    say(QStringLiteral("%1 screens in %2; %3 layout problem(s), %4 failure(s)")
            .arg(shooter.taken().size())
            .arg(out)
            .arg(shooter.layoutProblems())
            .arg(shooter.failures()));
    window.close();
    Shooter::settle(100);
    if (shooter.failures() > 0) return 2;
    return shooter.layoutProblems() > 0 ? 1 : 0;
}
