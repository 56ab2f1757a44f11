"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The admin header's links; the current section carries aria-current and an underline. */
export function AdminNav({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="order-last flex w-full flex-wrap gap-x-3 gap-y-1 text-gray-700 sm:order-none sm:w-auto">
      {links.map((link) => {
        const current = link.href === "/admin" ? pathname === "/admin" || pathname.startsWith("/admin/projects") : pathname.startsWith(link.href);
        return (
          <Link key={link.href} href={link.href} aria-current={current ? "page" : undefined} className={`rounded px-1 hover:underline ${current ? "font-semibold text-gray-900 underline decoration-2 underline-offset-4" : ""}`}>
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
