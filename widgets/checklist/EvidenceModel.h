#pragma once

#include "ViewState.h"
#include "playbook/PlaybookResult.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <optional>
#include <vector>

namespace perfcase {

// The evidence rows of one step: when (in the view's display zone), until
// when, the value and the text the check wrote. A row with a time is a range
// the timeline can show (rangeAt).
class EvidenceModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Time,
        End,
        Value,
        Text,
        ColumnCount
    };

    explicit EvidenceModel(QObject *parent = nullptr);

    // Times follow the state's display zone; nullptr shows UTC.
    void setViewState(ViewState *state);
    // The rows shown and how many the check returned in all.
    void setEvidence(std::vector<Evidence> rows, qint64 totalRows);
    qint64 totalRows() const { return m_total; }
    // [ts, end or ts] of a row; nullopt for a row without a time.
    std::optional<ViewState::Range> rangeAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    const ViewState &state() const { return m_state ? *m_state : *m_utc; }
    QString timeText(qint64 ns) const;
    QString endText(const Evidence &row) const;

    QPointer<ViewState> m_state;
    ViewState *m_utc; // until given a state: UTC
    std::vector<Evidence> m_rows;
    qint64 m_total = 0;
};

} // namespace perfcase
