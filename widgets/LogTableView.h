#pragma once

#include <QTableView>

namespace perfcase {

// The table of log records: one fixed-height line per record, so scrolling
// costs the same on a million rows; columns sized from the rows loaded.
class LogTableView : public QTableView
{
    Q_OBJECT

public:
    explicit LogTableView(QWidget *parent = nullptr);
    void setModel(QAbstractItemModel *model) override;

private:
    void fitColumns();
};

} // namespace perfcase
