/**
 * The agency tree and the category tree. Both are small (hundreds to a few thousand nodes) and
 * read-mostly, so they are loaded whole and walked in memory.
 */
import { MAX_AGENCY_DEPTH } from "./constants";
import { DomainError, detail, type ErrorDetail } from "./errors";
import { text } from "./text";
import * as z from "./zod";

export const AGENCY_LEVELS = ["national", "ministry", "province", "regency", "city", "unit"] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

/**
 * Levels strictly descend: national → province or ministry → regency or city → unit → sub-unit
 * (a unit under a unit). A child's rank is above its parent's; levels may be skipped (a ministry's
 * units sit right under it), never climbed or repeated, except that a unit may hold units one
 * level deep.
 */
const LEVEL_RANK: Record<AgencyLevel, number> = {
  national: 0,
  ministry: 1,
  province: 1,
  regency: 2,
  city: 2,
  unit: 3,
};

/** An agency node, as stored and as the API shows it (declared once: schema and type). */
export const Agency = z
  .object({
    id: z.string(),
    name: z.string(),
    level: z.enum(AGENCY_LEVELS),
    parentId: z.nullable(z.string()),
    /** Kemendagri region code (`33.16` = Kabupaten Blora), where the agency is regional. */
    regionCode: z.optional(z.string()),
    /** This agency's own passing grade for %TL; without it the nearest ancestor's, else the deployment's. */
    passingGradePercent: z.optional(z.number().check(z.gte(0), z.lte(100))),
  })
  .register(z.globalRegistry, { id: "Agency" });
export type Agency = z.infer<typeof Agency>;

export const AgencyList = z
  .object({ agencies: z.array(Agency) })
  .register(z.globalRegistry, { id: "AgencyList" });

export interface Category {
  readonly code: string;
  readonly name: string;
  readonly parentCode: string | null;
}

export interface CategoryNode extends Category {
  readonly children: CategoryNode[];
}

// Recursive: zod cannot infer the type, so the schema is checked against CategoryNode instead.
export const CategoryNode: z.ZodMiniType<CategoryNode> = z
  .object({
    code: z.string(),
    name: z.string(),
    parentCode: z.nullable(z.string()),
    get children() {
      return z.array(CategoryNode);
    },
  })
  // register, not check(meta): a check clones the schema, which reads the getter before the const exists.
  .register(z.globalRegistry, { id: "CategoryNode" });

export const CategoryTree = z
  .object({ categories: z.array(CategoryNode) })
  .register(z.globalRegistry, { id: "CategoryTree" });

export interface DirectoryData {
  readonly agencies: readonly Agency[];
  readonly categories: readonly Category[];
}

export class Directory {
  private readonly agencies: ReadonlyMap<string, Agency>;
  private readonly categories: ReadonlyMap<string, Category>;

  constructor(data: DirectoryData) {
    this.agencies = new Map(data.agencies.map((a) => [a.id, a]));
    this.categories = new Map(data.categories.map((c) => [c.code, c]));
  }

  agency(id: string): Agency | undefined {
    return this.agencies.get(id);
  }

  category(code: string): Category | undefined {
    return this.categories.get(code);
  }

  listAgencies(): Agency[] {
    return [...this.agencies.values()].sort((a, b) => this.pathKey(a.id).localeCompare(this.pathKey(b.id)));
  }

  listCategories(): Category[] {
    return [...this.categories.values()];
  }

  /** The national node every report starts at when the citizen chose no agency. */
  root(): Agency {
    const roots = [...this.agencies.values()].filter((a) => a.parentId === null);
    const [root] = roots;
    if (roots.length !== 1 || !root)
      throw new Error(`agency directory must have exactly one root, has ${roots.length}`);
    return root;
  }

  /** Agency ids from the root down to `id` inclusive. */
  ancestry(id: string): string[] {
    const path: string[] = [];
    let current = this.agencies.get(id);
    while (current) {
      path.unshift(current.id);
      if (path.length > MAX_AGENCY_DEPTH + 1) throw new Error(`agency ${id} is deeper than the tree allows`);
      current = current.parentId === null ? undefined : this.agencies.get(current.parentId);
    }
    return path;
  }

  /** The agencies right below `id`, in the order of `listAgencies`. */
  children(id: string): Agency[] {
    return this.listAgencies().filter((a) => a.parentId === id);
  }

  /** True when `id` is `ancestorId` or lies below it. */
  isWithin(id: string, ancestorId: string): boolean {
    return this.ancestry(id).includes(ancestorId);
  }

  categoryTree(): CategoryNode[] {
    const nodes = new Map<string, CategoryNode>();
    for (const c of this.categories.values()) nodes.set(c.code, { ...c, children: [] });
    const roots: CategoryNode[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentCode === null ? undefined : nodes.get(node.parentCode);
      (parent ? parent.children : roots).push(node);
    }
    return roots;
  }

  private pathKey(id: string): string {
    return this.ancestry(id).join("/");
  }
}

/**
 * Checks a whole directory: unique ids, parents exist, exactly one root, no cycles, depth within
 * what the inbox indexes cover. Returns every problem, not just the first.
 */
export function validateDirectory(data: DirectoryData): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const ids = new Set<string>();
  data.agencies.forEach((a, i) => {
    if (ids.has(a.id))
      problems.push(
        detail(`agencies[${i}].id`, `id instansi ${a.id} dipakai dua kali`, `duplicate agency id ${a.id}`),
      );
    ids.add(a.id);
  });
  const byId = new Map(data.agencies.map((a) => [a.id, a]));
  data.agencies.forEach((a, i) => {
    if (a.parentId !== null && !byId.has(a.parentId)) {
      problems.push(
        detail(
          `agencies[${i}].parentId`,
          `induk ${a.parentId} dari ${a.id} tidak ada`,
          `parent ${a.parentId} of ${a.id} does not exist`,
        ),
      );
    }
    const seen = new Set<string>();
    let current: Agency | undefined = a;
    while (current && current.parentId !== null) {
      if (seen.has(current.id)) {
        problems.push(
          detail(
            `agencies[${i}].parentId`,
            `instansi ${a.id} membentuk lingkaran`,
            `agency ${a.id} is part of a cycle`,
          ),
        );
        return;
      }
      seen.add(current.id);
      current = byId.get(current.parentId);
    }
    if (seen.size > MAX_AGENCY_DEPTH) {
      problems.push(
        detail(
          `agencies[${i}]`,
          `instansi ${a.id} lebih dalam dari ${MAX_AGENCY_DEPTH} tingkat`,
          `agency ${a.id} is deeper than ${MAX_AGENCY_DEPTH} levels`,
        ),
      );
    }
  });
  data.agencies.forEach((a, i) => {
    const parent = a.parentId === null ? undefined : byId.get(a.parentId);
    if (a.parentId === null && a.level !== "national") {
      problems.push(
        detail(
          `agencies[${i}].level`,
          `instansi akar ${a.id} harus tingkat nasional`,
          `the root agency ${a.id} must be national`,
        ),
      );
    }
    if (!parent) return;
    const grandparent = parent.parentId === null ? undefined : byId.get(parent.parentId);
    const parentRank =
      LEVEL_RANK[parent.level] + (parent.level === "unit" && grandparent?.level === "unit" ? 1 : 0);
    const rank = LEVEL_RANK[a.level] + (a.level === "unit" && parent.level === "unit" ? 1 : 0);
    if (rank <= parentRank) {
      problems.push(
        detail(
          `agencies[${i}].level`,
          `${a.id} (${a.level}) tidak boleh berada di bawah ${parent.id} (${parent.level}): tingkat menurun nasional → provinsi/kementerian → kabupaten/kota → unit → subunit`,
          `${a.id} (${a.level}) cannot sit under ${parent.id} (${parent.level}): levels descend national → province/ministry → regency/city → unit → sub-unit`,
        ),
      );
    }
  });
  const roots = data.agencies.filter((a) => a.parentId === null);
  if (roots.length !== 1) {
    problems.push(
      detail(
        "agencies",
        `harus ada tepat satu instansi akar (nasional), ditemukan ${roots.length}`,
        `exactly one root (national) agency expected, found ${roots.length}`,
      ),
    );
  }
  const codes = new Set(data.categories.map((c) => c.code));
  data.categories.forEach((c, i) => {
    if (c.parentCode !== null && !codes.has(c.parentCode)) {
      problems.push(
        detail(
          `categories[${i}].parentCode`,
          `induk ${c.parentCode} dari ${c.code} tidak ada`,
          `parent ${c.parentCode} of ${c.code} does not exist`,
        ),
      );
    }
  });
  return problems;
}

export function assertValidDirectory(data: DirectoryData): void {
  const problems = validateDirectory(data);
  if (problems.length > 0) {
    throw new DomainError(
      "invalid",
      "invalid_directory",
      text(
        "Direktori instansi atau kategori tidak konsisten.",
        "The agency or category directory is inconsistent.",
      ),
      problems,
    );
  }
}

/** Only the national admin maintains the agency directory (403 for anyone else). */
export function assertDirectoryAdmin(principal: { readonly role: string }): void {
  if (principal.role !== "national_admin") {
    throw new DomainError(
      "forbidden",
      "forbidden",
      text(
        "Hanya Admin Nasional yang mengelola direktori instansi.",
        "Only the national admin maintains the agency directory.",
      ),
    );
  }
}

/** The whole tree as it would be with `agency` written: validated before anything is. */
export function assertValidWith(directory: Directory, agency: Agency): void {
  const agencies = [...directory.listAgencies().filter((a) => a.id !== agency.id), agency];
  assertValidDirectory({ agencies, categories: directory.listCategories() });
}

export function agencyNotFound(id: string): DomainError {
  return new DomainError(
    "not_found",
    "agency_not_found",
    text(`Instansi ${id} tidak ada.`, `No agency ${id}.`),
  );
}

export function agencyExists(id: string): DomainError {
  return new DomainError(
    "conflict",
    "agency_exists",
    text(`Instansi dengan id ${id} sudah ada.`, `An agency with id ${id} already exists.`),
    [detail("id", "sudah dipakai", "already taken")],
  );
}
