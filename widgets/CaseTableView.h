#pragma once

#include <QTableView>

namespace perfcase {

// What every table over a case shares: one fixed-height line per row (the
// view never measures rows, whatever their count), whole-row selection,
// left-aligned headers, and columns fitted again after each model reset.
class CaseTableView : public QTableView
{
    Q_OBJECT

public:
    explicit CaseTableView(QWidget *parent = nullptr);
    void setModel(QAbstractItemModel *model) override;

protected:
    // Sizes the columns for the rows at hand; called after each reset.
    virtual void fitColumns() = 0;
};

} // namespace perfcase
