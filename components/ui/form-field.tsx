/** The props a control inside a FormField takes: its id, its error state and what describes it. */
export type ControlProps = {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
  /** Add to the control's classes: a red border while the field is in error. */
  invalidClass: string;
};

const fieldId = (name: string) => `field-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

/**
 * A labelled control with its hint and, when the server refused the value,
 * the error in words beside it: the control is marked aria-invalid, gets a
 * red border and is described by the message (and the hint). Messages come
 * from lib/validations/field-errors.ts (through a server action's `fields`, or
 * a server page's own parse). No hooks: it renders on the server as well.
 */
export function FormField({
  name,
  label,
  hint,
  error,
  className = "",
  children,
}: {
  /** The field's name in the action's `fields` (`slug`, `attributes.0.key`). */
  name: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
  className?: string;
  children: (control: ControlProps) => React.ReactNode;
}) {
  const id = fieldId(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="text-sm font-medium text-gray-900">
        {label}
      </label>
      <span className="mt-1 block">
        {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, invalidClass: error ? "border-red-600 ring-1 ring-red-600" : "" })}
      </span>
      {error ? (
        <span id={errorId} className="mt-1 block text-sm font-medium text-red-800">
          <span aria-hidden="true">⚠ </span>
          {error}
        </span>
      ) : null}
      {hint ? (
        <span id={hintId} className="mt-1 block text-xs text-gray-600">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/**
 * For compact forms whose messages are listed in one place (`messageId`):
 * marks a control invalid when `fields` names it, with the red border.
 */
export function invalidProps(fields: Record<string, string> | undefined, name: string, messageId: string) {
  return fields?.[name]
    ? { "aria-invalid": true as const, "aria-describedby": messageId, className: "border-red-600 ring-1 ring-red-600" }
    : { className: "" };
}
