/**
 * The deployment files (`deploy/`) checked the way a reviewer checks them before a first deploy: every
 * Kubernetes object valid against the API's schemas, field names included; probes, disruption budgets,
 * Services, the Ingress and the autoscaler pointing at what exists; each service given exactly the environment
 * its own config loader reads, and accepted by it in production; the Dockerfiles copying what exists and
 * building what the manifests run; and the probe paths answering on the real services.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  DockerfileParser,
  type Copy,
  type Env as EnvInstruction,
  type Instruction,
  type JSONInstruction,
} from 'dockerfile-ast';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { ConfigError, type Env, type ServiceConfig } from '@meridian/kit';
import { loadSupergraph } from '@meridian/gateway';
import { startTestStack, type TestStack } from './support/platform';

const ROOT = path.resolve(__dirname, '..');
const KUBERNETES_DIR = path.join(ROOT, 'deploy', 'kubernetes');
const KUSTOMIZATION = 'kustomization.yaml';
/** What every placeholder in the committed Secret says. */
const PLACEHOLDER = 'REPLACE_ME';
/** A service's entry point, `<package folder>/dist/main.js`: the folder's package has the loader of its config. */
const ENTRY_POINT = /^(.+)\/dist\/main\.js$/;

// ---------------------------------------------------------------------------------------------------------
// Reading the manifests

interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
}

/** One YAML document of one manifest file, and where it came from for messages. */
interface Manifest {
  readonly where: string;
  readonly object: KubernetesObject;
}

function readManifests(): Manifest[] {
  const manifests: Manifest[] = [];
  for (const file of manifestFiles()) {
    parseAllDocuments(fs.readFileSync(path.join(KUBERNETES_DIR, file), 'utf8')).forEach((document, index) => {
      const where = `deploy/kubernetes/${file} #${index + 1}`;
      if (document.errors.length > 0) throw new Error(`${where}: ${document.errors[0]!.message}`);
      const object = document.toJS() as KubernetesObject | null;
      if (object !== null) manifests.push({ where, object });
    });
  }
  return manifests;
}

function manifestFiles(): string[] {
  return fs
    .readdirSync(KUBERNETES_DIR)
    .filter((file) => file.endsWith('.yaml') && file !== KUSTOMIZATION)
    .sort();
}

const manifests = readManifests();
const objects = manifests.map(({ object }) => object);

function all<T>(kind: string): T[] {
  return objects.filter((object) => object.kind === kind) as unknown as T[];
}

const deployments = all<IDeployment & KubernetesObject>('Deployment');
const services = all<IService & KubernetesObject>('Service');
const budgets = all<IPodDisruptionBudget & KubernetesObject>('PodDisruptionBudget');
const autoscalers = all<IHorizontalPodAutoscaler & KubernetesObject>('HorizontalPodAutoscaler');
const ingresses = all<IIngress & KubernetesObject>('Ingress');
const secrets = all<ISecret & KubernetesObject>('Secret');
const configMaps = all<IConfigMap & KubernetesObject>('ConfigMap');

function containersOf(deployment: IDeployment): IContainer[] {
  return deployment.spec?.template.spec?.containers ?? [];
}

function podLabels(deployment: IDeployment): Record<string, string> {
  return deployment.spec?.template.metadata?.labels ?? {};
}

/** Whether every label of `selector` is on the pods. */
function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

/** The least number of replicas a Deployment runs: its own, or its autoscaler's minimum. */
function leastReplicas(deployment: IDeployment & KubernetesObject): number {
  const autoscaler = autoscalers.find(
    ({ spec }) =>
      spec?.scaleTargetRef.kind === 'Deployment' && spec.scaleTargetRef.name === deployment.metadata.name,
  );
  return autoscaler?.spec?.minReplicas ?? deployment.spec?.replicas ?? 1;
}

/** The container port a probe, Service or Ingress names, by name or number. */
function containerPort(container: IContainer, port: number | string | undefined): number | undefined {
  const found = container.ports?.find((p) => p.name === port || p.containerPort === port);
  return found?.containerPort;
}

/** The script a container runs with node, e.g. `gateway/dist/main.js`; undefined for other containers. */
function entryPoint(container: IContainer): string | undefined {
  const command = [...(container.command ?? []), ...(container.args ?? [])];
  return command[0] === 'node' ? command.find((arg) => arg.endsWith('.js')) : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The services' environment

/** The committed Secrets' values: placeholders, or what an operator puts in their place (see secrets.yaml). */
function secretValues(filled: boolean): Map<string, string> {
  const values = new Map<string, string>();
  for (const secret of secrets) {
    for (const [key, value] of Object.entries(secret.stringData ?? {})) {
      // URLs keep their shape (their host is the placeholder); tokens become `openssl rand -hex 32`.
      const real = value.includes('://') ? value : randomBytes(32).toString('hex');
      values.set(`${secret.metadata.name}/${key}`, filled ? real : value);
    }
  }
  return values;
}

const filledSecrets = secretValues(true);
const placeholderSecrets = secretValues(false);

/** The environment a container starts with: its image's ENV, then envFrom, then env, references resolved. */
function containerEnv(container: IContainer, fromImage: Env, secretsByRef: Map<string, string>): Env {
  const secretValue = (name: string, key: string) => {
    const value = secretsByRef.get(`${name}/${key}`);
    if (value === undefined) throw new Error(`${container.name}: no Secret ${name} with the key ${key}`);
    return value;
  };
  const configValue = (name: string, key: string) => {
    const value = configMaps.find((map) => map.metadata.name === name)?.data?.[key];
    if (value === undefined) throw new Error(`${container.name}: no ConfigMap ${name} with the key ${key}`);
    return value;
  };
  const env = { ...fromImage } as Record<string, string>;
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      const map = configMaps.find(({ metadata }) => metadata.name === source.configMapRef?.name);
      if (!map) throw new Error(`${container.name}: no ConfigMap ${source.configMapRef.name}`);
      Object.assign(env, map.data);
    } else if (source.secretRef) {
      const name = source.secretRef.name;
      const keys = Object.keys(secrets.find(({ metadata }) => metadata.name === name)?.stringData ?? {});
      if (keys.length === 0) throw new Error(`${container.name}: no Secret ${name}`);
      for (const key of keys) env[key] = secretValue(name!, key);
    }
  }
  for (const variable of container.env ?? []) {
    const { secretKeyRef, configMapKeyRef } = variable.valueFrom ?? {};
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (secretKeyRef) env[variable.name] = secretValue(secretKeyRef.name!, secretKeyRef.key);
    else if (configMapKeyRef) env[variable.name] = configValue(configMapKeyRef.name!, configMapKeyRef.key);
    else throw new Error(`${container.name}: ${variable.name} has a source these checks do not resolve`);
  }
  return env;
}

type ConfigLoader = (env: Env) => ServiceConfig;

/** The config loader of the package a service's entry point belongs to, as its package exports it. */
async function loaderOf(entry: string): Promise<{ name: string; loadConfig: ConfigLoader }> {
  const folder = ENTRY_POINT.exec(entry)?.[1];
  if (!folder) throw new Error(`${entry} is not a package's dist/main.js`);
  const { name } = JSON.parse(fs.readFileSync(path.join(ROOT, folder, 'package.json'), 'utf8')) as {
    name: string;
  };
  const loadConfig = ((await import(name)) as { loadConfig?: ConfigLoader }).loadConfig;
  if (!loadConfig) throw new Error(`${name} exports no loadConfig`);
  return { name, loadConfig };
}

/** Loads a service's configuration through a Proxy that records every variable the loader reads. */
function loadRecording(loadConfig: ConfigLoader, env: Env): { config: ServiceConfig; read: Set<string> } {
  const read = new Set<string>();
  const recording = new Proxy(env, {
    get: (target, name) => {
      if (typeof name === 'string') read.add(name);
      return Reflect.get(target, name);
    },
  });
  return { config: loadConfig(recording), read };
}

// ---------------------------------------------------------------------------------------------------------
// Reading the Dockerfiles

interface Stage {
  readonly name: string | undefined;
  /** The stage this one starts from, when it starts from another stage of the same file. */
  readonly parent: Stage | undefined;
  readonly instructions: Instruction[];
}

interface DockerImage {
  readonly file: string;
  readonly stages: Stage[];
  /** The last stage: what the image is. */
  readonly runtime: Stage;
}

function readDockerfile(file: string): DockerImage {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(
    fs.readFileSync(path.join(ROOT, file), 'utf8'),
  ).getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const args = instruction.getArguments().map((arg) => arg.getValue());
      const asAt = args.findIndex((arg) => arg.toUpperCase() === 'AS');
      stages.push({
        name: asAt >= 0 ? args[asAt + 1] : undefined,
        parent: stages.find((stage) => stage.name === args[0]),
        instructions: [],
      });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { file, stages, runtime: stages.at(-1)! };
}

const dockerfiles = fs
  .readdirSync(path.join(ROOT, 'deploy'))
  .filter((file) => file === 'Dockerfile' || file.endsWith('.Dockerfile'))
  .map((file) => readDockerfile(`deploy/${file}`));

/** A stage's instructions with those of the stages it starts from, oldest first. */
function lineage(stage: Stage): Instruction[] {
  return [...(stage.parent ? lineage(stage.parent) : []), ...stage.instructions];
}

function keyword(stage: Stage, name: string): Instruction[] {
  return lineage(stage).filter((instruction) => instruction.getKeyword() === name);
}

function workdir(stage: Stage): string {
  return keyword(stage, 'WORKDIR').at(-1)?.getArguments()[0]?.getValue() ?? '/';
}

function imageEnv(stage: Stage): Env {
  const env: Record<string, string> = {};
  for (const instruction of keyword(stage, 'ENV')) {
    for (const property of (instruction as EnvInstruction).getProperties()) {
      env[property.getName()] = property.getValue() ?? '';
    }
  }
  return env;
}

interface CopySpec {
  readonly from: string | undefined;
  readonly sources: string[];
  readonly destination: string;
}

function copies(stage: Stage): CopySpec[] {
  return keyword(stage, 'COPY').map((instruction) => {
    const args = instruction.getArguments().map((arg) => arg.getValue());
    return {
      from: (instruction as Copy).getFromFlag()?.getValue() ?? undefined,
      sources: args.slice(0, -1),
      destination: args.at(-1)!,
    };
  });
}

/** A path relative to a stage's working directory, from an absolute or relative one. */
function relativeTo(dir: string, file: string): string {
  return path.posix.normalize(path.posix.relative(dir, path.posix.resolve(dir, file)) || '.');
}

/**
 * Where `file` (relative to the source: the build context, or the stage named by --from) lands, relative to the
 * stage's working directory, or undefined when the COPY does not take it. A folder's contents go into the
 * destination; a file goes into a destination folder (ending in /) or becomes the destination.
 */
function copiedTo(copy: CopySpec, sourceDir: string, stageDir: string, file: string): string | undefined {
  const destination = relativeTo(stageDir, copy.destination);
  for (const source of copy.sources.map((s) => relativeTo(sourceDir, s))) {
    if (source === '.') return path.posix.join(destination, file);
    if (file === source) {
      return copy.destination.endsWith('/') || copy.sources.length > 1
        ? path.posix.join(destination, path.posix.basename(file))
        : destination;
    }
    if (file.startsWith(`${source}/`)) return path.posix.join(destination, file.slice(source.length + 1));
  }
  return undefined;
}

/** Whether the stage holds `file` of the build context at the same place under its working directory. */
function hasContextFile(stage: Stage, file: string): boolean {
  return copies(stage).some((copy) => !copy.from && copiedTo(copy, '.', workdir(stage), file) === file);
}

/**
 * The TypeScript projects a stage compiles with `tsc -b`, with every project they reference, each with the
 * files its compilation reads (its tsconfig.json, its sources, the tsconfig it extends).
 */
function compiledProjects(stage: Stage): Map<string, string[]> {
  const projects = new Map<string, string[]>();
  const visit = (project: string) => {
    if (projects.has(project)) return;
    const file = path.posix.join(project, 'tsconfig.json');
    const { config } = ts.readConfigFile(path.join(ROOT, file), ts.sys.readFile) as {
      config?: { extends?: string; references?: { path: string }[] };
    };
    const base = config?.extends ? [path.posix.join(project, config.extends)] : [];
    projects.set(project, [file, path.posix.join(project, 'src'), ...base]);
    for (const reference of config?.references ?? []) visit(path.posix.join(project, reference.path));
  };
  for (const run of keyword(stage, 'RUN')) {
    const words = run.getArguments().map((arg) => arg.getValue());
    const at = words.findIndex((word, i) => word === 'tsc' && words[i + 1] === '-b');
    if (at < 0) continue;
    for (const word of words.slice(at + 2)) {
      if (['&&', '||', ';', '|'].includes(word)) break;
      if (!word.startsWith('-')) visit(relativeTo('.', word));
    }
  }
  return projects;
}

/**
 * The COPY of the runtime stage that brings in the compiled `dist` of the project at `folder`, from another
 * stage, to the same place under the working directory. A copy of a whole stage says nothing of one folder.
 */
function distCopy(image: DockerImage, folder: string): { copy: CopySpec; built: Stage } | undefined {
  const dist = `${folder}/dist`;
  const runtime = image.runtime;
  for (const copy of copies(runtime)) {
    const built = image.stages.find((stage) => stage.name === copy.from);
    if (!built) continue;
    const sources = copy.sources.map((source) => relativeTo(workdir(built), source));
    if (!sources.includes('.') && copiedTo(copy, workdir(built), workdir(runtime), dist) === dist) {
      return { copy, built };
    }
  }
  return undefined;
}

/** What keeps the image from holding `<folder>/dist` compiled from the sources of the project at `folder`. */
function problemsWithDist(image: DockerImage, folder: string): string[] {
  const found = distCopy(image, folder);
  if (!found) return [`${image.file}: the runtime stage copies no ${folder}/dist from a build stage`];
  const projects = compiledProjects(found.built);
  if (!projects.has(folder)) return [`${image.file}: stage ${found.built.name} does not compile ${folder}`];
  return [...projects.values()]
    .flat()
    .filter((file) => !hasContextFile(found.built, file))
    .map((file) => `${image.file}: stage ${found.built.name} compiles without ${file}`);
}

/** A .dockerignore pattern as a regular expression (`*`, `?`, `**`), relative to the build context. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Whether the build context leaves `file` out: a pattern that matches it or one of its folders. */
function dockerIgnores(file: string): boolean {
  const rules = fs
    .readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      return {
        negated,
        pattern: globToRegExp(path.posix.normalize(negated ? line.slice(1) : line).replace(/^\/|\/$/g, '')),
      };
    });
  const parts = file.split('/');
  let ignored = false;
  for (const { negated, pattern } of rules) {
    if (parts.some((_, i) => pattern.test(parts.slice(0, i + 1).join('/')))) ignored = !negated;
  }
  return ignored;
}

/** The image whose runtime stage copies in the compiled package a container runs. */
function imageRunning(entry: string): DockerImage | undefined {
  const folder = ENTRY_POINT.exec(entry)?.[1];
  return dockerfiles.find((image) => folder !== undefined && distCopy(image, folder) !== undefined);
}

// ---------------------------------------------------------------------------------------------------------
// The containers that run a Meridian service

interface ServiceContainer {
  readonly deployment: IDeployment & KubernetesObject;
  readonly container: IContainer;
  readonly entry: string;
  readonly image: DockerImage;
}

const serviceContainers: ServiceContainer[] = deployments.flatMap((deployment) =>
  containersOf(deployment).flatMap((container) => {
    const entry = entryPoint(container);
    const image = entry ? imageRunning(entry) : undefined;
    return entry && image ? [{ deployment, container, entry, image }] : [];
  }),
);

/** The Deployment the Ingress sends `path` to. */
function deploymentBehind(pathPrefix: string): (IDeployment & KubernetesObject) | undefined {
  const backend = ingresses
    .flatMap(({ spec }) => spec?.rules ?? [])
    .flatMap((rule) => rule.http?.paths ?? [])
    .find((p) => p.path === pathPrefix)?.backend.service;
  const service = services.find(({ metadata }) => metadata.name === backend?.name);
  return deployments.find((d) => selects(service?.spec?.selector, podLabels(d)));
}

// ---------------------------------------------------------------------------------------------------------

describe('the Kubernetes manifests', () => {
  it('are valid objects of the Kubernetes API, each in the namespace they create', async () => {
    expect(manifests.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const { where, object } of manifests) {
      let model: (new (data: unknown) => { validate(): void }) | undefined;
      try {
        const module = (await import(`kubernetes-models/${object.apiVersion}/${object.kind}`)) as Record<
          string,
          new (data: unknown) => { validate(): void }
        >;
        model = module[object.kind];
      } catch {
        model = undefined;
      }
      if (!model) {
        problems.push(`${where}: ${object.apiVersion} ${object.kind} is not a Kubernetes kind`);
        continue;
      }
      try {
        new model(object).validate();
      } catch (error) {
        problems.push(`${where}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);

    const [namespace, ...others] = all<KubernetesObject>('Namespace');
    expect(others).toEqual([]);
    const outside = objects
      .filter(
        (object) => object.kind !== 'Namespace' && object.metadata.namespace !== namespace?.metadata.name,
      )
      .map((object) => `${object.kind} ${object.metadata.name}`);
    expect(outside).toEqual([]);
  });

  it('name only fields the Kubernetes API declares (a misspelt field is otherwise ignored)', () => {
    // The JSON schemas let unknown fields through; the models' TypeScript declarations do not: each document is
    // type-checked as an object literal of its kind, which reports every field its type does not have.
    const file = path.join(ROOT, 'test', 'deploy-manifests.check.ts');
    const lines: string[] = [];
    const where = new Map<number, string>();
    manifests.forEach(({ object }, i) => {
      lines.push(
        `import type { I${object.kind} as T${i} } from 'kubernetes-models/${object.apiVersion}/${object.kind}';`,
      );
    });
    manifests.forEach(({ object, where: from }, i) => {
      where.set(lines.length, from);
      lines.push(`export const document${i}: T${i} = ${JSON.stringify(object)};`);
    });
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
    };
    const host = ts.createCompilerHost(options);
    const source = ts.createSourceFile(file, lines.join('\n'), ts.ScriptTarget.ES2022, true);
    const getSourceFile = host.getSourceFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.getSourceFile = (name, ...rest) => (name === file ? source : getSourceFile(name, ...rest));
    host.fileExists = (name) => name === file || fileExists(name);
    const program = ts.createProgram([file], options, host);
    const problems = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ].map((diagnostic) => {
      const line =
        diagnostic.start === undefined ? -1 : source.getLineAndCharacterOfPosition(diagnostic.start).line;
      return `${where.get(line) ?? `line ${line}`}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
    });
    expect(problems).toEqual([]);
  });

  it('list every manifest in the kustomization, with the images the Deployments run', () => {
    const kustomization = parseAllDocuments(
      fs.readFileSync(path.join(KUBERNETES_DIR, KUSTOMIZATION), 'utf8'),
    )[0]!.toJS() as {
      resources: string[];
      images: { name: string }[];
    };
    expect([...kustomization.resources].sort()).toEqual(manifestFiles());
    const images = new Set(
      deployments.flatMap(containersOf).map(({ image }) => image?.replace(/:[^/:]*$/, '')),
    );
    expect(new Set(kustomization.images.map(({ name }) => name))).toEqual(images);
  });

  it('run at least two replicas of everything, rolled out without losing one', () => {
    expect(deployments.length).toBeGreaterThan(0);
    for (const deployment of deployments) {
      const name = deployment.metadata.name;
      expect({ name, replicas: leastReplicas(deployment) >= 2 }).toEqual({ name, replicas: true });
      expect({ name, strategy: deployment.spec?.strategy?.rollingUpdate?.maxUnavailable }).toEqual({
        name,
        strategy: 0,
      });
      expect(selects(deployment.spec?.selector.matchLabels, podLabels(deployment))).toBe(true);
    }
  });

  it('probe every container on a port it declares, and let it finish what it serves before it stops', () => {
    for (const deployment of deployments) {
      const pod = deployment.spec!.template.spec!;
      for (const container of pod.containers) {
        const name = `${deployment.metadata.name}/${container.name}`;
        for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
          if (probe === undefined) continue;
          expect({ name, path: probe.httpGet?.path?.startsWith('/') }).toEqual({ name, path: true });
          expect({ name, port: containerPort(container, probe.httpGet?.port) }).toEqual({
            name,
            port: expect.any(Number),
          });
        }
        expect({ name, liveness: container.livenessProbe?.httpGet?.path }).toEqual({
          name,
          liveness: expect.any(String),
        });
        expect({ name, readiness: container.readinessProbe?.httpGet?.path }).toEqual({
          name,
          readiness: expect.any(String),
        });
        // The pod leaves its Service while it still serves; the grace period covers that wait and more.
        const [sleep, seconds] = container.lifecycle?.preStop?.exec?.command ?? [];
        expect({ name, preStop: sleep }).toEqual({ name, preStop: 'sleep' });
        expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(Number(seconds));
      }
    }
  });

  it('size every container, with the heap of a Node.js service inside its memory limit', () => {
    const mebibytes = (quantity: string | number | undefined) => {
      const match = /^(\d+)(Mi|Gi)$/.exec(String(quantity));
      return match ? Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1) : NaN;
    };
    for (const deployment of deployments) {
      for (const container of containersOf(deployment)) {
        const name = `${deployment.metadata.name}/${container.name}`;
        const { requests, limits } = container.resources ?? {};
        expect({ name, requests: Object.keys(requests ?? {}).sort() }).toEqual({
          name,
          requests: ['cpu', 'memory'],
        });
        expect({ name, limits: Object.keys(limits ?? {}).sort() }).toEqual({
          name,
          limits: ['cpu', 'memory'],
        });
        expect(mebibytes(requests?.memory)).toBeLessThanOrEqual(mebibytes(limits?.memory));
        const heap = /^--max-old-space-size=(\d+)$/.exec(
          container.command?.find((arg) => arg.startsWith('--max-old')) ?? '',
        );
        if (heap) expect(Number(heap[1])).toBeLessThan(mebibytes(limits?.memory));
      }
    }
  });

  it('run every container as a user without privileges, on a read-only root filesystem', () => {
    for (const deployment of deployments) {
      const pod = deployment.spec!.template.spec!;
      for (const container of pod.containers) {
        const name = `${deployment.metadata.name}/${container.name}`;
        expect({
          name,
          nonRoot: container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot,
        }).toEqual({
          name,
          nonRoot: true,
        });
        expect({
          name,
          user: container.securityContext?.runAsUser ?? pod.securityContext?.runAsUser,
        }).not.toEqual({
          name,
          user: 0,
        });
        expect({ name, security: container.securityContext }).toMatchObject({
          name,
          security: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
        });
      }
    }
  });

  it('cover every Deployment with one disruption budget that selects its pods and lets a node drain', () => {
    for (const deployment of deployments) {
      const name = deployment.metadata.name;
      const covering = budgets.filter(({ spec }) =>
        selects(spec?.selector?.matchLabels, podLabels(deployment)),
      );
      expect({ name, budgets: covering.length }).toEqual({ name, budgets: 1 });
      const { maxUnavailable, minAvailable } = covering[0]!.spec!;
      const allowed =
        maxUnavailable !== undefined
          ? Number(maxUnavailable)
          : leastReplicas(deployment) - Number(minAvailable);
      expect({ name, allowed: allowed >= 1 && allowed < leastReplicas(deployment) }).toEqual({
        name,
        allowed: true,
      });
    }
    const strays = budgets.filter(
      ({ spec }) => !deployments.some((d) => selects(spec?.selector?.matchLabels, podLabels(d))),
    );
    expect(strays.map(({ metadata }) => metadata.name)).toEqual([]);
  });

  it('route every Service to the pods of one Deployment, on ports they listen on', () => {
    for (const service of services) {
      const name = service.metadata.name;
      const targets = deployments.filter((d) => selects(service.spec?.selector, podLabels(d)));
      expect({ name, deployments: targets.length }).toEqual({ name, deployments: 1 });
      for (const port of service.spec?.ports ?? []) {
        const listening = containersOf(targets[0]!).some((c) =>
          containerPort(c, port.targetPort ?? port.port),
        );
        expect({ name, port: port.port, listening }).toEqual({ name, port: port.port, listening: true });
      }
    }
  });

  it('send the API to the gateway and everything else to the portal, through Services that exist', () => {
    for (const rule of ingresses.flatMap(({ spec }) => spec?.rules ?? [])) {
      for (const { path: prefix, backend } of rule.http?.paths ?? []) {
        const service = services.find(({ metadata }) => metadata.name === backend.service?.name);
        const port = backend.service?.port;
        const served = service?.spec?.ports?.some((p) => p.name === port?.name || p.port === port?.number);
        expect({ prefix, service: backend.service?.name, served }).toEqual({
          prefix,
          service: backend.service?.name,
          served: true,
        });
      }
    }
    const api = deploymentBehind('/graphql');
    expect(api && containersOf(api).map(entryPoint)).toEqual(['gateway/dist/main.js']);
  });

  it('scale the gateway on CPU with an autoscaler that targets its Deployment', () => {
    const gateway = deploymentBehind('/graphql');
    expect(autoscalers).toHaveLength(1);
    const { spec } = autoscalers[0]!;
    expect(spec?.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: gateway?.metadata.name,
    });
    expect(spec?.minReplicas).toBeGreaterThanOrEqual(2);
    expect(spec?.maxReplicas).toBeGreaterThan(spec?.minReplicas ?? 0);
    expect(spec?.metrics?.map(({ resource }) => resource?.name)).toContain('cpu');
    // Utilization is measured against the request: without one the autoscaler cannot act.
    for (const container of containersOf(gateway!)) expect(container.resources?.requests?.cpu).toBeDefined();
    // The autoscaler owns the count; a count in the Deployment would reset it at every apply.
    expect(gateway?.spec?.replicas).toBeUndefined();
  });

  it('commit placeholders in the Secret, never a secret', () => {
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(secret.data).toBeUndefined();
      for (const [key, value] of Object.entries(secret.stringData ?? {})) {
        expect({ key, placeholder: value.includes(PLACEHOLDER) }).toEqual({ key, placeholder: true });
      }
    }
  });
});

describe("each service's environment", () => {
  it('runs every Node.js container from an image that holds its entry point', () => {
    const unbuilt = deployments
      .flatMap(containersOf)
      .map(entryPoint)
      .filter((entry): entry is string => entry !== undefined && !imageRunning(entry));
    expect(unbuilt).toEqual([]);
    // Every other container (the portal) is given no environment at all.
    const others = deployments
      .flatMap(containersOf)
      .filter((container) => !entryPoint(container))
      .filter((container) => (container.env?.length ?? 0) + (container.envFrom?.length ?? 0) > 0);
    expect(others.map(({ name }) => name)).toEqual([]);
    expect(serviceContainers.length).toBeGreaterThanOrEqual(4);
  });

  it('is accepted by the service in production, and every variable set is one the service reads', async () => {
    for (const { deployment, container, entry, image } of serviceContainers) {
      const { name, loadConfig } = await loaderOf(entry);
      const env = containerEnv(container, imageEnv(image.runtime), filledSecrets);
      const { config, read } = loadRecording(loadConfig, env);
      expect({ name, mode: config.mode }).toEqual({ name, mode: 'production' });
      const unread = Object.keys(env).filter((variable) => !read.has(variable));
      expect({ name, unread }).toEqual({ name, unread: [] });
      // Reachable from other pods, on the port the probes and the Service use.
      expect({ name, host: ['0.0.0.0', '::'].includes(config.host) }).toEqual({ name, host: true });
      expect({ name, port: config.port }).toEqual({ name, port: containerPort(container, 'http') });
      // Two replicas share one store and one pub/sub: PostgreSQL and Redis, never a file in the pod.
      const shared = config as Partial<{ database: { dialect: string }; redisUrl: string }>;
      if ('database' in shared)
        expect({ name, store: shared.database?.dialect }).toEqual({ name, store: 'postgres' });
      if ('redisUrl' in shared)
        expect({ name, redis: shared.redisUrl }).toEqual({ name, redis: expect.any(String) });
      expect(leastReplicas(deployment)).toBeGreaterThanOrEqual(2);
    }
  });

  it('refuses to start with the placeholders of the committed Secret', async () => {
    for (const { container, entry, image } of serviceContainers) {
      const { name, loadConfig } = await loaderOf(entry);
      const env = containerEnv(container, imageEnv(image.runtime), placeholderSecrets);
      let refused: unknown;
      try {
        loadConfig(env);
      } catch (error) {
        refused = error;
      }
      expect({ name, refused: refused instanceof ConfigError }).toEqual({ name, refused: true });
      const named = (refused as ConfigError).problems.filter((problem) =>
        /^(PRINCIPAL_SECRET|INTERNAL_TOKEN) /.test(problem),
      );
      expect({ name, named: named.length }).toEqual({ name, named: 2 });
    }
  });

  it("gives the gateway every subgraph's Service, on the port that subgraph listens on", async () => {
    const gateway = serviceContainers.find(({ entry }) => entry === 'gateway/dist/main.js');
    expect(gateway).toBeDefined();
    const { loadConfig } = await loaderOf(gateway!.entry);
    const config = loadConfig(
      containerEnv(gateway!.container, imageEnv(gateway!.image.runtime), filledSecrets),
    ) as ServiceConfig & {
      supergraphFile: string;
      subgraphUrls: Record<string, string>;
      metering: { spoolDir: string };
    };
    const { subgraphs } = loadSupergraph(config.supergraphFile, config.subgraphUrls);
    expect(Object.keys(config.subgraphUrls).sort()).toEqual(subgraphs.map(({ name }) => name).sort());
    for (const { name, url } of subgraphs) {
      const { hostname, port } = new URL(url);
      const service = services.find(({ metadata }) => metadata.name === hostname.split('.')[0]);
      const servicePort = service?.spec?.ports?.find((p) => p.port === Number(port));
      const target = serviceContainers.find(({ deployment }) =>
        selects(service?.spec?.selector, podLabels(deployment)),
      );
      expect({ name, runs: target?.entry }).toEqual({ name, runs: `subgraphs/${name}/dist/main.js` });
      const listens = (await loaderOf(target!.entry)).loadConfig(
        containerEnv(target!.container, imageEnv(target!.image.runtime), filledSecrets),
      ).port;
      expect({ name, port: containerPort(target!.container, servicePort?.targetPort) }).toEqual({
        name,
        port: listens,
      });
    }
    // The image holds the supergraph the gateway plans with, and the usage spool is on a writable volume.
    expect(hasContextFile(gateway!.image.runtime, path.relative(ROOT, config.supergraphFile))).toBe(true);
    const mounts = gateway!.container.volumeMounts ?? [];
    expect(mounts.some(({ mountPath }) => config.metering.spoolDir.startsWith(`${mountPath}/`))).toBe(true);
  });
});

describe('the Dockerfiles', () => {
  it('copy only files that exist in the build context and that .dockerignore lets in', () => {
    expect(dockerfiles.map(({ file }) => file).sort()).toEqual([
      'deploy/Dockerfile',
      'deploy/portal.Dockerfile',
    ]);
    const problems: string[] = [];
    for (const image of dockerfiles) {
      for (const stage of image.stages) {
        // This stage's own instructions: those of the stage it starts from are checked with that stage.
        for (const copy of copies({ ...stage, parent: undefined })) {
          if (copy.from) {
            const stages = image.stages.slice(0, image.stages.indexOf(stage)).map(({ name }) => name);
            if (!stages.includes(copy.from))
              problems.push(`${image.file}: COPY --from=${copy.from} names no earlier stage`);
            continue;
          }
          for (const source of copy.sources) {
            const file = relativeTo('.', source);
            if (!fs.existsSync(path.join(ROOT, file)))
              problems.push(`${image.file}: COPY ${source}: no such file`);
            else if (file !== '.' && dockerIgnores(file))
              problems.push(`${image.file}: COPY ${source}: left out by .dockerignore`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('leave out of the build context what a build or a run writes', () => {
    for (const file of [
      'node_modules/jest',
      'gateway/dist/main.js',
      'kit/node_modules',
      '.data',
      '.git',
      'portal/build',
    ]) {
      expect({ file, ignored: dockerIgnores(file) }).toEqual({ file, ignored: true });
    }
    for (const file of [
      'package-lock.json',
      'gateway/src/main.ts',
      'schema/supergraph.graphql',
      'deploy/portal.nginx.conf',
    ]) {
      expect({ file, ignored: dockerIgnores(file) }).toEqual({ file, ignored: false });
    }
  });

  it('build every entry point the images and the manifests run from its sources', () => {
    const entries = new Map<string, DockerImage>();
    for (const image of dockerfiles) {
      const cmd = keyword(image.runtime, 'CMD').at(-1) as JSONInstruction | undefined;
      const command = cmd?.getJSONStrings().map((s) => s.getJSONValue()) ?? [];
      const entry = command[0] === 'node' ? command.find((arg) => arg.endsWith('.js')) : undefined;
      if (entry) entries.set(entry, image);
    }
    for (const { entry, image } of serviceContainers) entries.set(entry, image);
    expect(entries.size).toBeGreaterThanOrEqual(4);
    const problems: string[] = [];
    for (const [entry, image] of entries) {
      const folder = ENTRY_POINT.exec(entry)?.[1];
      if (!folder || !fs.existsSync(path.join(ROOT, folder, 'src', 'main.ts')))
        problems.push(`${entry}: no src/main.ts beside it`);
      else problems.push(...problemsWithDist(image, folder));
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it('run as a user other than root, with a health check', () => {
    for (const image of dockerfiles) {
      const user = keyword(image.runtime, 'USER').at(-1)?.getArguments()[0]?.getValue();
      expect({
        file: image.file,
        user: user !== undefined && !['root', '0'].includes(user.split(':')[0]!),
      }).toEqual({
        file: image.file,
        user: true,
      });
      expect({ file: image.file, healthcheck: keyword(image.runtime, 'HEALTHCHECK').length }).toEqual({
        file: image.file,
        healthcheck: 1,
      });
    }
  });
});

describe('the probes on the real services in production mode', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // Each service as the manifests configure it, except where it listens and what it reaches: free ports, a
    // data folder of its own (SQLite) and no Redis, which the test stack chooses.
    const placement = new Set(['HOST', 'PORT', 'DATA_DIR', 'DATABASE_URL', 'REDIS_URL', 'SUBGRAPH_URLS']);
    const env: Record<string, string> = {};
    for (const { container, image } of serviceContainers) {
      for (const [name, value] of Object.entries(
        containerEnv(container, imageEnv(image.runtime), filledSecrets),
      )) {
        if (!placement.has(name) && value !== undefined) env[name] = value;
      }
    }
    stack = await startTestStack({ env: { ...env, ANONYMOUS_SCOPES: '' } });
  });
  afterAll(() => stack.close());

  const probesOf = (container: IContainer) =>
    [container.startupProbe, container.readinessProbe, container.livenessProbe].flatMap((probe) =>
      probe?.httpGet?.path ? [probe.httpGet.path] : [],
    );

  it('answer every path the manifests probe', async () => {
    for (const { container, entry } of serviceContainers) {
      const name = ENTRY_POINT.exec(entry)![1]!.split('/').at(-1) as keyof TestStack['urls'];
      for (const probe of probesOf(container)) {
        const response = await fetch(new URL(probe, stack.urls[name]));
        expect({ name, probe, status: response.status }).toEqual({ name, probe, status: 200 });
      }
    }
  });

  it('keep every gateway ready while a subgraph is down, and hold back a new one until it is up', async () => {
    const gateway = serviceContainers.find(({ entry }) => entry === 'gateway/dist/main.js')!.container;
    await stack.killService('telemetry', 'SIGKILL');
    const status = async (probe: string | undefined) =>
      (await fetch(new URL(probe!, stack.urls.gateway))).status;
    expect(await status(gateway.readinessProbe?.httpGet?.path)).toBe(200);
    expect(await status(gateway.livenessProbe?.httpGet?.path)).toBe(200);
    expect(await status(gateway.startupProbe?.httpGet?.path)).toBe(503);
  });
});
