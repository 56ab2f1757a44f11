"use server";

import { safeAction } from "@/lib/actions/safe-action";
import { refreshProjectView } from "@/lib/views/refresh-view";
import { refreshViewInput } from "@/lib/validations/stored-view";

/** A stored view's "Refresh" button; refreshProjectView checks the actor leads the project (or is an admin). */
export const refreshViewAction = safeAction(refreshViewInput, async (input, actor) => refreshProjectView({ actor, slug: input.project, view: input.view }));
