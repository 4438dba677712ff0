#pragma once

#include "QueryExecutor.h"

#include <QAbstractTableModel>
#include <QVector>

namespace perfcase {

// The rows of one console query, as the worker returned them (already
// capped). Integer columns that hold case times (ts, end_ts, first_ts, *_ts,
// *_at, first_raw_ns, last_raw_ns) are shown as RFC 3339 text; the
// nanoseconds stay in the EditRole and the tooltip, so nothing is lost.
class QueryResultModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit QueryResultModel(QObject *parent = nullptr);

    void setResult(const QueryExecutor::Result &result);
    void clear();

    const QStringList &columns() const { return m_columns; }
    // Whether a column of this name holds ns since the epoch by the case's conventions.
    static bool isTimeColumn(const QString &name);
    // The result has a column named `ts`: it can become a timeline lane.
    bool hasTsColumn() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QStringList m_columns;
    QVector<bool> m_timeColumns;
    QVector<QVariantList> m_rows;
};

} // namespace perfcase
