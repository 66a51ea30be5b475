import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption } from './echarts';

/**
 * One ECharts chart that follows its container's width (a 375-px phone included). A click on a bar
 * calls `onPick` with the bar's category index. The canvas is not keyboard-usable: every chart here
 * has a table beside it with the same numbers and links.
 */
export default function Chart({
  option,
  label,
  height = 320,
  onPick,
  testId,
}: {
  option: EChartsCoreOption;
  /** What the chart shows, read out for screen readers. */
  label: string;
  height?: number;
  onPick?: (dataIndex: number) => void;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init>>(undefined);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      const e = p as { dataIndex?: number };
      if (typeof e.dataIndex === 'number') pick.current?.(e.dataIndex);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      className="insight-chart"
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ height, cursor: onPick ? 'pointer' : undefined }}
    />
  );
}
