import { Table, type TableColumnsType } from 'antd';

/**
 * The table beside a chart (or alone): the same numbers, with links, scrolling sideways in a
 * keyboard-focusable region named by its section's heading.
 */
export default function TableRegion<T extends object>({
  testId,
  labelledBy,
  rowKey,
  dataSource,
  columns,
}: {
  testId: string;
  /** The id of the section's heading. */
  labelledBy: string;
  rowKey: keyof T & string;
  dataSource: readonly T[];
  columns: TableColumnsType<T>;
}) {
  return (
    <div
      className="insight-table"
      data-testid={testId}
      tabIndex={0}
      role="region"
      aria-labelledby={labelledBy}
    >
      <Table<T> size="small" rowKey={rowKey} pagination={false} dataSource={dataSource} columns={columns} />
    </div>
  );
}
