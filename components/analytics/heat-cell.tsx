/**
 * A table cell whose background shows a value on a diverging scale (red
 * below the midpoint, blue above), with the number always printed in it:
 * colour repeats the number, never replaces it.
 */
export function heatStyle(value: number | null, { min, mid, max }: { min: number; mid: number; max: number }): React.CSSProperties {
  if (value === null) return { background: "#f3f4f6", color: "#4b5563" };
  const t = value >= mid ? Math.min(1, (value - mid) / (max - mid || 1)) : -Math.min(1, (mid - value) / (mid - min || 1));
  const strength = Math.abs(t);
  const hue = t >= 0 ? 214 : 4;
  const lightness = 97 - strength * 55;
  return { background: `hsl(${hue} ${40 + strength * 40}% ${lightness}%)`, color: lightness < 60 ? "#fff" : "#111827" };
}

export function HeatCell({
  value,
  scale,
  label,
  title,
  muted = false,
  children,
}: {
  value: number | null;
  scale: { min: number; mid: number; max: number };
  /** What the cell says, printed in it. */
  label: string;
  title?: string;
  /** Too little data to trust: paler, in italics, and said in the title. */
  muted?: boolean;
  children?: React.ReactNode;
}) {
  const style = heatStyle(muted ? null : value, scale);
  return (
    <td title={title} style={style} className={`border border-white px-2 py-1.5 text-center text-xs tabular-nums ${muted ? "italic" : ""}`}>
      {label}
      {children}
    </td>
  );
}
