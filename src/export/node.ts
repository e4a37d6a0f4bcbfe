/**
 * The experiment as a standalone Node ES module on @tensorflow/tfjs alone: the same target law,
 * networks, initialisation, objective and tf.train optimisers as the browser's engine, written
 * plainly (tfjs's chaining API, one tf.tidy per iteration), with only the options the config
 * uses. It imports nothing from this repository.
 */
import type { PlaygroundConfig } from '../config/schema';
import {
  type Activation,
  type AdversarialObjective,
  adversarialObjective,
  code,
  DISCRIMINATOR_LOSS_NOTES,
  type DiscriminatorLossForm,
  discriminatorLossForm,
  type ExportOptions,
  type ExportPlan,
  exportPlan,
  GENERATOR_LOSS_NOTES,
  headerLines,
  joinBlocks,
  LEAKY_RELU_SLOPE,
  listLiteral,
  type Modes,
  numberLiteral,
  type OptimizerPlan,
  PENALTY_NORM_OFFSET,
  pointsLiteral,
  RMSPROP_DECAY,
  sectionRule,
  settingsBlock,
  type TargetLaw,
  transformsDiscriminatorInput,
  type UserPoints,
} from './common';

const n = (value: number): string => numberLiteral(value);

/** JavaScript building the mixture's centres. */
function modesExpression(modes: Modes): string {
  switch (modes.kind) {
    case 'ring':
      return `Array.from({ length: ${modes.count} }, (_, i) => {
  const angle = (2 * Math.PI * i) / ${modes.count};
  return [${n(modes.radius)} * Math.cos(angle), ${n(modes.radius)} * Math.sin(angle)];
})`;
    case 'grid': {
      const values = listLiteral(modes.values);
      return `${values}.flatMap((x) => ${values}.map((y) => [x, y]))`;
    }
    case 'list':
      return pointsLiteral(modes.points, '', false, '  ');
  }
}

/** The constants of the target law and the body of `draw()`, which returns one point. */
function targetParts(target: TargetLaw): { constants: string[]; doc: string; draw: string[] } {
  switch (target.kind) {
    case 'mixture': {
      const weighted = target.weights !== null;
      return {
        constants: [
          `const MODES = ${modesExpression(target.modes)};`,
          `const MODE_STD = ${n(target.std)};`,
          weighted && `const WEIGHTS = ${listLiteral(target.weights ?? [])};`,
          weighted && 'const TOTAL_WEIGHT = WEIGHTS.reduce((sum, w) => sum + w, 0);',
        ].filter((line): line is string => typeof line === 'string'),
        doc: weighted
          ? 'the Gaussian mixture: component k with probability ∝ WEIGHTS[k]'
          : 'the equal-weight Gaussian mixture around MODES',
        draw: weighted
          ? [
              'let u = random.next() * TOTAL_WEIGHT;',
              'let k = 0;',
              'while (k < WEIGHTS.length - 1 && u >= WEIGHTS[k]) u -= WEIGHTS[k++];',
              'return MODES[k].map((c) => c + MODE_STD * random.normal());',
            ]
          : [
              'const centre = MODES[random.int(MODES.length)];',
              'return centre.map((c) => c + MODE_STD * random.normal());',
            ],
      };
    }
    case 'correlatedGaussian': {
      const [[l11], [l21, l22]] = target.cholesky;
      return {
        constants: [],
        doc: `a Gaussian with mean (${target.mean.join(', ')}) and Cholesky factor [[${target.cholesky.map((r) => r.join(', ')).join('], [')}]]`,
        draw: [
          'const z1 = random.normal();',
          'const z2 = random.normal();',
          `return [${n(target.mean[0])} + ${n(l11)} * z1, ${n(target.mean[1])} + ${n(l21)} * z1 + ${n(l22)} * z2];`,
        ],
      };
    }
    case 'moons':
      return {
        constants: [
          '// sklearn make_moons, centred and scaled so x spans [−2.5, 2.5].',
          `const MOONS_NOISE = ${n(target.noise)};`,
          `const MOONS_SCALE = ${n(target.scale)};`,
          `const MOONS_CENTRE = ${listLiteral(target.centre)};`,
        ],
        doc: 'two interleaving half-circles',
        draw: [
          'const t = Math.PI * random.next();',
          'const upper = random.next() < 0.5;',
          'const x = upper ? Math.cos(t) : 1 - Math.cos(t);',
          'const y = upper ? Math.sin(t) : 0.5 - Math.sin(t);',
          'return [',
          '  MOONS_SCALE * (x - MOONS_CENTRE[0] + MOONS_NOISE * random.normal()),',
          '  MOONS_SCALE * (y - MOONS_CENTRE[1] + MOONS_NOISE * random.normal()),',
          '];',
        ],
      };
    case 'spiral':
      return {
        constants: [
          `const THETA_MIN = ${n(target.thetaMin)}; // π/2`,
          `const THETA_MAX = ${n(target.thetaMax)}; // 3π`,
          `const SPIRAL_RADIUS = ${n(target.radius)};`,
          `const SPIRAL_NOISE = ${n(target.noise)};`,
        ],
        doc: 'a two-arm Archimedean spiral r = aθ',
        draw: [
          '// θ = √(uniform in θ²) spreads the points evenly along the arm.',
          'const theta = Math.sqrt(THETA_MIN ** 2 + (THETA_MAX ** 2 - THETA_MIN ** 2) * random.next());',
          'const angle = theta + (random.next() < 0.5 ? 0 : Math.PI);',
          'const r = (SPIRAL_RADIUS / THETA_MAX) * theta;',
          'return [',
          '  r * Math.cos(angle) + SPIRAL_NOISE * random.normal(),',
          '  r * Math.sin(angle) + SPIRAL_NOISE * random.normal(),',
          '];',
        ],
      };
    case 'circle':
      return {
        constants: [
          `const CIRCLE_RADIUS = ${n(target.radius)};`,
          `const CIRCLE_NOISE = ${n(target.noise)};`,
        ],
        doc: 'a circle, with radial noise',
        draw: [
          'const angle = 2 * Math.PI * random.next();',
          'const radius = CIRCLE_RADIUS + CIRCLE_NOISE * random.normal();',
          'return [radius * Math.cos(angle), radius * Math.sin(angle)];',
        ],
      };
    case 'line':
      return {
        constants: [
          `const LINE_START = ${listLiteral(target.start)};`,
          `const LINE_END = ${listLiteral(target.end)};`,
          `const LINE_NOISE = ${n(target.noise)};`,
        ],
        doc: 'a segment, with noise across it',
        draw: [
          'const [dx, dy] = [LINE_END[0] - LINE_START[0], LINE_END[1] - LINE_START[1]];',
          'const length = Math.hypot(dx, dy);',
          'const t = random.next();',
          'const offset = LINE_NOISE * random.normal();',
          'return [LINE_START[0] + t * dx - (offset * dy) / length, LINE_START[1] + t * dy + (offset * dx) / length];',
        ],
      };
    case 'gaussian':
      return {
        constants: [`const MEAN = ${n(target.mean)};`, `const STD = ${n(target.std)};`],
        doc: 'N(MEAN, STD²)',
        draw: ['return [MEAN + STD * random.normal()];'],
      };
    case 'uniform':
      return {
        constants: [`const LOW = ${n(target.low)};`, `const HIGH = ${n(target.high)};`],
        doc: 'U(LOW, HIGH)',
        draw: ['return [LOW + (HIGH - LOW) * random.next()];'],
      };
    case 'exponential':
      return {
        constants: [`const RATE = ${n(target.rate)};`],
        doc: 'the exponential law, by inversion (1 − U lies in (0, 1])',
        draw: ['return [-Math.log(1 - random.next()) / RATE];'],
      };
    case 'lognormal':
      return {
        constants: [`const LOG_SIGMA = ${n(target.sigma)};`],
        doc: 'exp(N(0, LOG_SIGMA²))',
        draw: ['return [Math.exp(LOG_SIGMA * random.normal())];'],
      };
    case 'points':
      return {
        constants: [`const POINTS = ${pointsLiteral(target.points, '', false, '  ')};`],
        doc: 'your points, drawn uniformly with replacement',
        draw: ['return POINTS[random.int(POINTS.length)];'],
      };
  }
}

function randomCode(): string {
  return code(
    '/**',
    ' * A seeded stream: mulberry32 for uniforms in [0, 1), Box–Muller for normals. tfjs’s random',
    ' * ops take no global seed, so every draw (weights, data, noise) comes from here.',
    ' */',
    'function createRandom(seed) {',
    '  let state = seed >>> 0;',
    '  let spare = null;',
    '  const next = () => {',
    '    state = (state + 0x6d2b79f5) | 0;',
    '    let t = Math.imul(state ^ (state >>> 15), state | 1);',
    '    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);',
    '    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;',
    '  };',
    '  const normal = () => {',
    '    if (spare !== null) {',
    '      const value = spare;',
    '      spare = null;',
    '      return value;',
    '    }',
    '    const radius = Math.sqrt(-2 * Math.log(1 - next()));',
    '    const angle = 2 * Math.PI * next();',
    '    spare = radius * Math.sin(angle);',
    '    return radius * Math.cos(angle);',
    '  };',
    '  return { next, normal, int: (count) => Math.floor(next() * count) };',
    '}',
    '',
    'const random = createRandom(SEED);',
    '',
    '/** `count` independent draws of N(0, sigma²). */',
    'function normals(count, sigma) {',
    '  return Float32Array.from({ length: count }, () => sigma * random.normal());',
    '}',
  );
}

function dataCode(plan: ExportPlan): string {
  const { constants, doc, draw } = targetParts(plan.target);
  const noise =
    plan.config.noiseDistribution === 'gaussian'
      ? code(
          '/** n noise vectors z ~ N(0, NOISE_SIGMA² I), as a [n, NOISE_DIM] tensor. */',
          'export function sampleNoise(n) {',
          '  return tf.tensor2d(normals(n * NOISE_DIM, NOISE_SIGMA), [n, NOISE_DIM]);',
          '}',
        )
      : code(
          '/** n noise vectors z ~ U(−√3σ, √3σ)^NOISE_DIM (standard deviation σ = NOISE_SIGMA), as a tensor. */',
          'export function sampleNoise(n) {',
          '  const half = Math.sqrt(3) * NOISE_SIGMA;',
          '  const values = Float32Array.from({ length: n * NOISE_DIM }, () => (2 * random.next() - 1) * half);',
          '  return tf.tensor2d(values, [n, NOISE_DIM]);',
          '}',
        );
  return code(
    ...constants,
    constants.length > 0 && '',
    `/** One point of ${doc}. */`,
    'function drawPoint() {',
    ...draw.map((line) => `  ${line}`),
    '}',
    '',
    '/** n real points, row-major n × DIM. */',
    'export function sampleReal(n) {',
    '  const out = new Float32Array(n * DIM);',
    '  for (let i = 0; i < n; i++) out.set(drawPoint(), i * DIM);',
    '  return out;',
    '}',
    '',
    noise,
  );
}

/** Plain tfjs activations, for first-order training. */
const ACTIVATIONS: Readonly<Record<Activation, string>> = {
  relu: 'relu: (x) => x.relu(),',
  leakyRelu: `leakyRelu: (x) => x.leakyRelu(${LEAKY_RELU_SLOPE}),`,
  tanh: 'tanh: (x) => x.tanh(),',
  elu: 'elu: (x) => x.elu(),',
  gelu: 'gelu: (x) => gelu(x, (u) => u.tanh()),',
};

/** Activations whose gradient tfjs can differentiate again, for the WGAN-GP critic. */
const TWICE_DIFFERENTIABLE: Readonly<Record<Activation, string>> = {
  relu: 'relu: (x) => x.relu(),',
  leakyRelu: `leakyRelu: (x) => x.mul(${LEAKY_RELU_SLOPE}).add(x.relu().mul(${1 - LEAKY_RELU_SLOPE})),`,
  tanh: 'tanh,',
  elu: 'elu,',
  gelu: 'gelu: (x) => gelu(x, tanh),',
};

function activationsCode(plan: ExportPlan): string {
  const used = [...plan.activations];
  const twice = plan.penaltyWeight > 0;
  const has = (a: Activation): boolean => plan.activations.has(a);
  const customTanh = twice && (has('tanh') || has('gelu'));
  const customElu = twice && has('elu');
  return code(
    twice &&
      code(
        '// The gradient penalty differentiates the critic’s input gradient again. tfjs cannot',
        '// differentiate LeakyRelu’s and Elu’s gradients, and Tanh saves its output, which drops a',
        '// term of the second derivative; these forms avoid both, as the browser’s engine does.',
      ),
    customTanh &&
      code(
        'const tanh = tf.customGrad((x, save) => {',
        '  save([x]);',
        '  return { value: x.tanh(), gradFunc: (dy, [saved]) => dy.mul(tf.sub(1, saved.tanh().square())) };',
        '});',
      ),
    customElu &&
      code(
        'const elu = tf.customGrad((x, save) => {',
        '  save([x]);',
        '  return { value: x.elu(), gradFunc: (dy, [saved]) => dy.mul(saved.neg().relu().neg().exp()) };',
        '});',
      ),
    (customTanh || customElu) && '',
    has('gelu') &&
      code(
        '/** GELU, tanh form ½x(1 + tanh(√(2/π)(x + 0.044715x³))) (Hendrycks & Gimpel 2016). */',
        'function gelu(x, tanhOf) {',
        '  const inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));',
        '  return x.mul(0.5).mul(tanhOf(inner).add(1));',
        '}',
        '',
      ),
    'const ACTIVATIONS = {',
    ...used.map((a) => `  ${(twice ? TWICE_DIFFERENTIABLE : ACTIVATIONS)[a]}`),
    '};',
  );
}

function initLimitCode(activations: ReadonlySet<Activation>): string {
  const rectifier = [...activations].some((a) => a !== 'tanh');
  const glorot = 'Math.sqrt(6 / (fanIn + fanOut))';
  const glorotTest = activations.has('tanh')
    ? "activation === 'linear' || activation === 'tanh'"
    : "activation === 'linear'";
  const he = activations.has('leakyRelu')
    ? code(
        `  const slope = activation === 'leakyRelu' ? ${LEAKY_RELU_SLOPE} : 0;`,
        '  return Math.sqrt(6 / ((1 + slope * slope) * fanIn));',
      )
    : '  return Math.sqrt(6 / fanIn);';
  return code(
    '/**',
    ' * L of the uniform initialisation U(−L, L) of a layer feeding `activation` (Var = L²/3):',
    ' * Glorot & Bengio 2010 for tanh and the linear output, He et al. 2015 for rectifiers.',
    ' */',
    'function initLimit(fanIn, fanOut, activation) {',
    rectifier ? code(`  if (${glorotTest}) return ${glorot};`, he) : `  return ${glorot};`,
    '}',
  );
}

function networksCode(plan: ExportPlan): string {
  return code(
    activationsCode(plan),
    '',
    initLimitCode(plan.activations),
    '',
    '/**',
    ' * Dense layers of the given widths, `activation` after each hidden one, a linear output;',
    ' * weights ~ U(−L, L) and zero biases, as the browser initialises them.',
    ' */',
    'function createMlp(sizes, activation) {',
    '  const layers = [];',
    '  for (let l = 0; l + 1 < sizes.length; l++) {',
    '    const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];',
    "    const limit = initLimit(fanIn, fanOut, l + 2 === sizes.length ? 'linear' : activation);",
    '    const weights = Float32Array.from({ length: fanIn * fanOut }, () => (2 * random.next() - 1) * limit);',
    '    // tidy: a variable does not own the tensor it starts from.',
    '    layers.push(',
    '      tf.tidy(() => ({',
    '        kernel: tf.variable(tf.tensor2d(weights, [fanIn, fanOut])),',
    '        bias: tf.variable(tf.zeros([fanOut])),',
    '      })),',
    '    );',
    '  }',
    '  return {',
    '    variables: layers.flatMap(({ kernel, bias }) => [kernel, bias]),',
    '    apply: (x) =>',
    '      layers.reduce((h, { kernel, bias }, l) => {',
    '        const out = h.matMul(kernel).add(bias);',
    '        return l + 1 < layers.length ? ACTIVATIONS[activation](out) : out;',
    '      }, x),',
    '  };',
    '}',
  );
}

function mmdCode(): string {
  return code(
    '/**',
    ' * Unbiased MMD² between the laws of the rows of x and y (Gretton et al. 2012, eq. 3), with the',
    ' * kernel k(u, v) = Σ_h exp(−‖u − v‖² / 2h²). The diagonal, k(x, x) = bandwidths.length, is',
    ' * left out of the within-sample sums.',
    ' */',
    'function mmdSquared(x, y, bandwidths) {',
    '  const kernelSum = (a, b) => {',
    '    const squared = a.expandDims(1).sub(b.expandDims(0)).square().sum(2);',
    '    return tf.addN(bandwidths.map((h) => squared.mul(-1 / (2 * h * h)).exp()));',
    '  };',
    '  const [m, n, diagonal] = [x.shape[0], y.shape[0], bandwidths.length];',
    '  const xx = kernelSum(x, x).sum().sub(m * diagonal).div(m * (m - 1));',
    '  const yy = kernelSum(y, y).sum().sub(n * diagonal).div(n * (n - 1));',
    '  return xx.add(yy).sub(kernelSum(x, y).mean().mul(2));',
    '}',
  );
}

function discriminatorInputCode(plan: ExportPlan): string | null {
  if (!transformsDiscriminatorInput(plan)) return null;
  const noise = plan.instanceNoise > 0;
  const packs = plan.packing > 1;
  const what = [
    noise && 'instance noise (Sønderby et al. 2016)',
    packs && 'packs of PACKING consecutive samples (PacGAN, Lin et al. 2018; leftovers dropped)',
  ].filter((part): part is string => typeof part === 'string');
  return code(
    '/**',
    ' * What the discriminator sees of a batch:',
    ...what.map(
      (part, i) => ` * ${i === 0 ? '' : 'then '}${part}${i === what.length - 1 ? '.' : ','}`,
    ),
    ' */',
    'function discriminatorInput(x) {',
    noise && '  const noisy = x.add(tf.tensor2d(normals(x.size, INSTANCE_NOISE), x.shape));',
    packs && code(`  const packs = Math.floor(x.shape[0] / PACKING);`),
    packs
      ? `  return ${noise ? 'noisy' : 'x'}.slice([0, 0], [packs * PACKING, DIM]).reshape([packs, PACKING * DIM]);`
      : '  return noisy;',
    '}',
  );
}

function gradientPenaltyCode(): string {
  return code(
    '/**',
    ' * E (‖∇D(x̂)‖ − 1)² at x̂ = εx + (1 − ε)x̃, ε ~ U[0, 1] per sample (Gulrajani et al. 2017, eq. 3).',
    ' * Σ over the batch: each output depends on its own input only, so its gradient is the stack of',
    ' * per-sample input gradients.',
    ' */',
    'function gradientPenalty(critic, real, fake) {',
    '  const count = real.shape[0];',
    '  const epsilon = tf.tensor2d(Float32Array.from({ length: count }, () => random.next()), [count, 1]);',
    '  const interpolates = epsilon.mul(real).add(tf.sub(1, epsilon).mul(fake));',
    '  const gradient = tf.grad((x) => critic.apply(x).sum())(interpolates);',
    `  const norm = gradient.square().sum(1).add(${n(PENALTY_NORM_OFFSET)}).sqrt();`,
    '  return norm.sub(1).square().mean();',
    '}',
  );
}

/** The discriminator loss on outputs tReal, tFake (and the inputs real, fake), per form. */
const DISCRIMINATOR_LOSS: Readonly<Record<DiscriminatorLossForm, readonly string[]>> = {
  crossEntropy: ['return tReal.neg().softplus().mean().add(tFake.softplus().mean());'],
  smoothedCrossEntropy: [
    'const realTerm = tReal.neg().softplus().mul(1 - LABEL_SMOOTHING);',
    'const smoothingTerm = tReal.softplus().mul(LABEL_SMOOTHING);',
    'return realTerm.add(smoothingTerm).mean().add(tFake.softplus().mean());',
  ],
  leastSquares: ['return tReal.sub(TARGET).square().mean().add(tFake.square().mean()).mul(0.5);'],
  hinge: ['return tf.sub(1, tReal).relu().mean().add(tFake.add(1).relu().mean());'],
  wassersteinPenalty: [
    'const penalty = gradientPenalty(discriminator, real, fake);',
    'return tFake.mean().sub(tReal.mean()).add(penalty.mul(GRADIENT_PENALTY));',
  ],
  wasserstein: ['return tFake.mean().sub(tReal.mean());'],
};

/** The adversarial generator loss on tFake = D(G(z)), per objective. */
const GENERATOR_LOSS: Readonly<Record<AdversarialObjective, string>> = {
  minimax: 'tFake.softplus().mean().neg()',
  nonSaturating: 'tFake.neg().softplus().mean()',
  hybrid: 'tFake.neg().softplus().mean()',
  leastSquares: 'tFake.sub(1).square().mean().mul(0.5)',
  hinge: 'tFake.mean().neg()',
  wasserstein: 'tFake.mean().neg()',
};

function discriminatorLossLines(plan: ExportPlan): string[] {
  const form = discriminatorLossForm(plan);
  const target = plan.labelSmoothing > 0 ? '1 - LABEL_SMOOTHING' : '1';
  return [
    ...DISCRIMINATOR_LOSS_NOTES[form].map((note) => `// ${note}`),
    ...DISCRIMINATOR_LOSS[form].map((line) => line.replace('TARGET', target)),
  ];
}

function lossesCode(plan: ExportPlan): string {
  if (plan.discriminatorSizes === null) {
    return code(
      '/** MMD² between G(z) and a real batch (GMMN: Li et al. 2015; Dziugaite et al. 2015). */',
      'function generatorLoss(generator, z, real) {',
      '  return mmdSquared(generator.apply(z), real, MMD_BANDWIDTHS);',
      '}',
    );
  }
  const transforms = transformsDiscriminatorInput(plan);
  const mmdTerm = plan.mmdWeight > 0;
  const objective = adversarialObjective(plan);
  const note = `  // ${GENERATOR_LOSS_NOTES[objective]}`;
  const adversarial = `${GENERATOR_LOSS[objective]};`;
  return code(
    '/** L_D on a real and a generated batch. */',
    transforms
      ? code(
          'function discriminatorLoss(discriminator, realBatch, fakeBatch) {',
          '  const [real, fake] = [discriminatorInput(realBatch), discriminatorInput(fakeBatch)];',
        )
      : 'function discriminatorLoss(discriminator, real, fake) {',
    '  const [tReal, tFake] = [discriminator.apply(real), discriminator.apply(fake)];',
    ...discriminatorLossLines(plan).map((line) => `  ${line}`),
    '}',
    '',
    mmdTerm
      ? '/** L_G + MMD_WEIGHT · MMD²(G(z), real): the kernel pulls on modes D ignores. */'
      : '/** L_G on a noise batch. */',
    `function generatorLoss(generator, discriminator, z${mmdTerm ? ', real' : ''}) {`,
    '  const fake = generator.apply(z);',
    `  const tFake = discriminator.apply(${transforms ? 'discriminatorInput(fake)' : 'fake'});`,
    mmdTerm
      ? code(
          note,
          `  const adversarial = ${adversarial}`,
          '  return adversarial.add(mmdSquared(fake, real, MMD_BANDWIDTHS).mul(MMD_WEIGHT));',
        )
      : code(note, `  return ${adversarial}`),
    '}',
  );
}

function optimizerExpression(optimizer: OptimizerPlan): string {
  switch (optimizer.kind) {
    case 'adam':
      return `tf.train.adam(${n(optimizer.learningRate)}, ${n(optimizer.beta1)}, ${n(optimizer.beta2)})`;
    case 'sgd':
      return `tf.train.momentum(${n(optimizer.learningRate)}, ${n(optimizer.momentum)})`;
    case 'rmsprop':
      return `tf.train.rmsprop(${n(optimizer.learningRate)}, ${RMSPROP_DECAY}, ${n(optimizer.momentum)})`;
  }
}

function trainingCode(plan: ExportPlan): string {
  const { config } = plan;
  const hasD = plan.discriminatorSizes !== null;
  const realInGeneratorStep = plan.mmdWeight > 0;
  const generatorArgs = hasD
    ? `generator, discriminator, z${realInGeneratorStep ? ', real' : ''}`
    : 'generator, z, real';
  const format = (value: string): string => `\${(${value}).toFixed(4).padStart(8)}`;
  const dLog = hasD ? `  D loss ${format('dTotal / (count * D_STEPS)')}` : '';
  return code(
    '/**',
    ' * Unbiased MMD² with the Gaussian kernel of bandwidth h between two row-major samples, in',
    ' * float64 plain JavaScript as the playground reports it (tfjs has no float64, and broadcasting',
    ' * a thousand points against a thousand is slow on its CPU backend).',
    ' */',
    'function reportedMmdSquared(x, y, h) {',
    '  const kernelSum = (a, b, skipDiagonal) => {',
    '    let total = 0;',
    '    for (let i = 0; i < a.length / DIM; i++) {',
    '      for (let j = 0; j < b.length / DIM; j++) {',
    '        if (skipDiagonal && i === j) continue;',
    '        let squared = 0;',
    '        for (let c = 0; c < DIM; c++) squared += (a[i * DIM + c] - b[j * DIM + c]) ** 2;',
    '        total += Math.exp(-squared / (2 * h * h));',
    '      }',
    '    }',
    '    return total;',
    '  };',
    '  const [m, n] = [x.length / DIM, y.length / DIM];',
    '  const xx = kernelSum(x, x, true) / (m * (m - 1));',
    '  const yy = kernelSum(y, y, true) / (n * (n - 1));',
    '  return xx + yy - (2 * kernelSum(x, y, false)) / (m * n);',
    '}',
    '',
    '/** MMD² (bandwidth KERNEL_BANDWIDTH) between fresh generated and real points. */',
    'function evaluate(generator) {',
    '  const output = tf.tidy(() => generator.apply(sampleNoise(EVALUATION_SIZE)));',
    '  const generated = output.dataSync();',
    '  output.dispose();',
    '  return reportedMmdSquared(generated, sampleReal(EVALUATION_SIZE), KERNEL_BANDWIDTH);',
    '}',
    '',
    'export async function main() {',
    '  const { values } = parseArgs({',
    `    options: { iterations: { type: 'string', default: '${plan.iterations}' } },`,
    '  });',
    '  const iterations = Number(values.iterations);',
    '  if (!Number.isInteger(iterations) || iterations < 0) {',
    `    throw new Error(\`--iterations must be a whole number, got \${values.iterations}\`);`,
    '  }',
    '  await tf.ready();',
    '',
    `  const generator = createMlp([NOISE_DIM, ${config.generatorLayers.join(', ')}, DIM], '${config.generatorActivation}');`,
    hasD &&
      `  const discriminator = createMlp([${plan.packing > 1 ? 'PACKING * DIM' : 'DIM'}, ${config.discriminatorLayers.join(', ')}, 1], '${config.discriminatorActivation}');`,
    '  // tf.train’s rules, which the browser’s engine reimplements; ε is the backend’s float epsilon.',
    `  const generatorOptimizer = ${optimizerExpression(plan.generatorOptimizer)};`,
    plan.discriminatorOptimizer !== null &&
      `  const discriminatorOptimizer = ${optimizerExpression(plan.discriminatorOptimizer)};`,
    '',
    '  const atlas = tf.tensor2d(sampleReal(ATLAS_SIZE), [ATLAS_SIZE, DIM]);',
    '  const realBatch = () => {',
    '    const indices = Int32Array.from({ length: BATCH_SIZE }, () => random.int(ATLAS_SIZE));',
    "    return atlas.gather(tf.tensor1d(indices, 'int32'));",
    '  };',
    '',
    `  console.log(\`MMD² before training: \${evaluate(generator).toFixed(6)}\`);`,
    '  const logEvery = Math.max(1, Math.floor(iterations / 20));',
    hasD ? '  let [dTotal, gTotal, count] = [0, 0, 0];' : '  let [gTotal, count] = [0, 0];',
    '  for (let iteration = 1; iteration <= iterations; iteration++) {',
    '    // One tidy per iteration frees the intermediates; variables and optimiser slots stay.',
    '    tf.tidy(() => {',
    hasD &&
      code(
        '      for (let k = 0; k < D_STEPS; k++) {',
        '        // G(z) outside the minimised function: a discriminator step does not differentiate through G.',
        '        const fake = generator.apply(sampleNoise(BATCH_SIZE));',
        '        const real = realBatch();',
        '        const loss = discriminatorOptimizer.minimize(',
        '          () => discriminatorLoss(discriminator, real, fake),',
        '          true,',
        '          discriminator.variables,',
        '        );',
        '        dTotal += loss.dataSync()[0];',
        '      }',
      ),
    '      const z = sampleNoise(BATCH_SIZE);',
    (realInGeneratorStep || !hasD) && '      const real = realBatch();',
    '      const loss = generatorOptimizer.minimize(',
    `        () => generatorLoss(${generatorArgs}),`,
    '        true,',
    '        generator.variables,',
    '      );',
    '      gTotal += loss.dataSync()[0];',
    '    });',
    '    count++;',
    '    if (iteration % logEvery === 0 || iteration === iterations) {',
    `      console.log(\`iteration \${String(iteration).padStart(6)}${dLog}  G loss ${format('gTotal / count')}\`);`,
    hasD ? '      [dTotal, gTotal, count] = [0, 0, 0];' : '      [gTotal, count] = [0, 0];',
    '    }',
    '  }',
    '',
    `  console.log(\`final MMD² (h = \${KERNEL_BANDWIDTH}): \${evaluate(generator).toFixed(6)}\`);`,
    `  tf.dispose([atlas, ...generator.variables${hasD ? ', ...discriminator.variables' : ''}]);`,
    '  generatorOptimizer.dispose();',
    hasD && '  discriminatorOptimizer.dispose();',
    '}',
  );
}

/**
 * A runnable Node ES module (@tensorflow/tfjs only) that reproduces the experiment of `config`
 * (and the user's points, for the 'points' data set): `node gan.mjs --iterations N`.
 */
export function nodeScript(
  config: PlaygroundConfig,
  points: UserPoints | null = null,
  options: ExportOptions = {},
): string {
  const plan = exportPlan(config, points, options);
  const header = headerLines(
    plan,
    'a Node script (TensorFlow.js)',
    ['npm install @tensorflow/tfjs', `node gan.mjs --iterations ${plan.iterations}`],
    [
      'For speed, npm install @tensorflow/tfjs-node and import it instead: the same API',
      'with native kernels.',
    ],
  );
  const section = (title: string): string => sectionRule('//', title);
  const blocks = [
    code('#!/usr/bin/env node', ...header.map((line) => (line === '' ? '//' : `// ${line}`))),
    code(
      "import { fileURLToPath } from 'node:url';",
      "import { parseArgs } from 'node:util';",
      "import * as tf from '@tensorflow/tfjs';",
    ),
    settingsBlock(
      plan,
      (s) =>
        `const ${s.name} = ${typeof s.value === 'number' ? numberLiteral(s.value) : listLiteral(s.value)};`,
      '//',
    ),
    code(section('random numbers'), '', randomCode()),
    code(section('data'), '', dataCode(plan)),
    code(section('networks'), '', networksCode(plan)),
    plan.mmdWeight > 0 ? code(section('objective'), '', mmdCode()) : section('objective'),
    discriminatorInputCode(plan),
    plan.penaltyWeight > 0 && gradientPenaltyCode(),
    lossesCode(plan),
    code(section('training'), '', trainingCode(plan)),
    code(
      '// Train when run as a script; importing the file only defines its functions.',
      'if (process.argv[1] === fileURLToPath(import.meta.url)) await main();',
    ),
  ];
  return joinBlocks(blocks, 1);
}
