#pragma once

#include <QTableView>

namespace perfcase {

// The table of a case's sources: compact, one line per source, columns
// fitted to their content after each refresh.
class SourcesView : public QTableView
{
    Q_OBJECT

public:
    explicit SourcesView(QWidget *parent = nullptr);
    void setModel(QAbstractItemModel *model) override;
    QSize sizeHint() const override;

private:
    void fitColumns();
};

} // namespace perfcase
