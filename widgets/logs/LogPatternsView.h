#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;

namespace perfcase {

class LogPatternsModel;
class ViewState;

// The message templates of the case: counts, and with a timeline selection
// what surges in it (count in the selection, count before, ratio, NEW).
// Double-click a template to see its records (templateActivated).
class LogPatternsView : public QWidget
{
    Q_OBJECT

public:
    explicit LogPatternsView(QWidget *parent = nullptr);

    void setCase(const QString &path);
    void refresh();
    // Follows the state's selection (the window compared with the time before).
    void setViewState(ViewState *state);
    LogPatternsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

Q_SIGNALS:
    void templateActivated(qint64 templateId, const QString &pattern);
    void errorOccurred(const QString &message);

private:
    void applyWindow();

    LogPatternsModel *m_model;
    QTableView *m_table;
    QLabel *m_title;
    QComboBox *m_baseline;
    ViewState *m_state = nullptr;
};

} // namespace perfcase
