import type { Reference, Resource } from '@medplum/fhirtypes';

/** In-memory resources by type and id, in insertion order (so search results are stable). */
export class ResourceStore {
  private readonly byType = new Map<string, Map<string, Resource>>();

  /** Copies `resources` in, so the caller's objects are never mutated by the sandbox. */
  public constructor(resources: readonly Resource[]) {
    for (const resource of resources) {
      if (!resource.id) throw new TypeError(`sandbox resource ${resource.resourceType} has no id`);
      this.put(structuredClone(resource));
    }
  }

  /** Stores `resource` (which must have an id), replacing one with the same type and id. */
  public put(resource: Resource): void {
    const id = resource.id as string;
    let resources = this.byType.get(resource.resourceType);
    if (!resources) {
      resources = new Map();
      this.byType.set(resource.resourceType, resources);
    }
    resources.set(id, resource);
  }

  /** The resource of `type` with `id`. */
  public get(type: string, id: string): Resource | undefined {
    return this.byType.get(type)?.get(id);
  }

  /** Every resource of `type`. */
  public all<T extends Resource = Resource>(type: T['resourceType']): T[] {
    return [...(this.byType.get(type)?.values() ?? [])] as T[];
  }
}

/**
 * The id a reference points to when it targets `type`: relative (`Patient/1`), absolute
 * (`https://…/Patient/1`) or versioned (`Patient/1/_history/2`). Contained (`#x`) references give undefined.
 */
export function referencedId(reference: Reference | string | undefined, type: string): string | undefined {
  const target = typeof reference === 'string' ? reference : reference?.reference;
  if (!target || target.startsWith('#')) return undefined;
  const match = new RegExp(`(?:^|/)${type}/([^/?#]+)(?:/_history/[^/]+)?$`).exec(target);
  return match?.[1];
}

/** The patient a clinical resource belongs to (`subject` or `patient`). */
export function patientIdOf(resource: Resource): string | undefined {
  const holder = resource as { subject?: Reference; patient?: Reference };
  return referencedId(holder.subject, 'Patient') ?? referencedId(holder.patient, 'Patient');
}
