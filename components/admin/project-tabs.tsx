"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const tabs = [
  { path: "", label: "Overview" },
  { path: "/items", label: "Items" },
  { path: "/skips", label: "Skips" },
  { path: "/import", label: "Import" },
  { path: "/members", label: "Members" },
  { path: "/progress", label: "Progress" },
  { path: "/agreement", label: "Agreement" },
  { path: "/quality", label: "Quality" },
  { path: "/leaderboard", label: "Leaderboard" },
  { path: "/export", label: "Export" },
  { path: "/settings", label: "Settings" },
];

/** The project's sections. The current one is marked with aria-current and an underline, not colour alone. */
export function ProjectTabs({ slug }: { slug: string }) {
  const pathname = usePathname();
  const base = `/admin/projects/${slug}`;
  return (
    <nav aria-label="Project sections" className="-mb-px flex gap-1 overflow-x-auto">
      {tabs.map((tab) => {
        const href = `${base}${tab.path}`;
        const current = tab.path === "" ? pathname === base : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={tab.label}
            href={href}
            aria-current={current ? "page" : undefined}
            className={`shrink-0 border-b-2 px-2.5 py-2 text-sm whitespace-nowrap ${
              current ? "border-blue-700 font-semibold text-gray-900" : "border-transparent text-gray-700 hover:border-gray-300 hover:text-gray-900"
            }`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
