import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-blue-700 text-white hover:bg-blue-800 border border-blue-700",
  secondary: "bg-white text-gray-900 hover:bg-gray-50 border border-gray-300",
  danger: "bg-white text-red-800 hover:bg-red-50 border border-red-300",
  ghost: "bg-transparent text-gray-800 hover:bg-gray-100 border border-transparent",
};

/** Button classes, also for links that look like buttons. */
export function buttonClass(variant: ButtonVariant = "secondary", size: "sm" | "md" = "md"): string {
  const sizing = size === "sm" ? "px-2 py-1 text-xs" : "px-3 py-1.5 text-sm";
  return `inline-flex items-center justify-center gap-1 rounded-md font-medium whitespace-nowrap disabled:cursor-not-allowed disabled:opacity-60 ${sizing} ${variants[variant]}`;
}

export function Button({
  variant = "secondary",
  size = "md",
  className = "",
  type = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: "sm" | "md" }) {
  return <button type={type} className={`${buttonClass(variant, size)} ${className}`} {...props} />;
}
