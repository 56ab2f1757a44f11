import type { TdHTMLAttributes, ThHTMLAttributes } from "react";

/** A dense data table that scrolls sideways on narrow screens instead of squashing. */
export function Table({ caption, children, className = "" }: { caption?: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={`relative overflow-x-auto rounded-lg border border-gray-200 bg-white ${className}`}>
      <table className="w-full border-collapse text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function Th({ className = "", ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={`border-b border-gray-200 bg-gray-50 px-3 py-2 text-left text-xs font-semibold whitespace-nowrap text-gray-700 ${className}`} {...props} />;
}

export function Td({ className = "", ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={`border-b border-gray-100 px-3 py-2 align-top ${className}`} {...props} />;
}

