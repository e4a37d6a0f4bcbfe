/**
 * The experiment as a standalone PyTorch script: the same target law, networks, initialisation,
 * objective and optimiser rules as the browser's engine, written as a person would write them
 * (nn.Sequential, `sample_real(n)`, a plain training loop), with only the options the config
 * uses.
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
  TFJS_EPSILON,
  transformsDiscriminatorInput,
  type UserPoints,
} from './common';

const f = (value: number): string => numberLiteral(value, true);

/** Python building the mixture's centres. */
function modesExpression(modes: Modes): string {
  switch (modes.kind) {
    case 'ring':
      return `[
    [${f(modes.radius)} * math.cos(2 * math.pi * i / ${modes.count}), ${f(modes.radius)} * math.sin(2 * math.pi * i / ${modes.count})]
    for i in range(${modes.count})
]`;
    case 'grid': {
      const values = `(${modes.values.map((v) => f(v)).join(', ')})`;
      return `[[x, y] for x in ${values} for y in ${values}]`;
    }
    case 'list':
      return pointsLiteral(modes.points, '', true);
  }
}

/** `sample_real(n)` and the constants it reads: the target law, vectorised in torch. */
function targetCode(target: TargetLaw): string {
  const def = (doc: string, ...body: string[]): string =>
    code('def sample_real(n):', `    """${doc}"""`, ...body.map((line) => `    ${line}`));
  switch (target.kind) {
    case 'mixture': {
      const weighted = target.weights !== null;
      return code(
        `MODES = ${modesExpression(target.modes)}`,
        `MODE_STD = ${f(target.std)}`,
        weighted && `WEIGHTS = ${listLiteral(target.weights ?? [], true)}`,
        '',
        '',
        def(
          weighted
            ? 'n points of the Gaussian mixture: component k with probability ∝ WEIGHTS[k].'
            : 'n points of the equal-weight Gaussian mixture around MODES.',
          weighted
            ? 'component = torch.multinomial(torch.tensor(WEIGHTS), n, replacement=True)'
            : 'component = torch.randint(len(MODES), (n,))',
          'return torch.tensor(MODES)[component] + MODE_STD * torch.randn(n, DIM)',
        ),
      );
    }
    case 'correlatedGaussian':
      return code(
        `MEAN = ${listLiteral(target.mean, true)}`,
        '# Lower Cholesky factor L of the covariance: x = MEAN + L z, z ~ N(0, I).',
        `CHOLESKY = [${target.cholesky.map((row) => listLiteral(row, true)).join(', ')}]`,
        '',
        '',
        def(
          'n points of the correlated 2-D Gaussian.',
          'return torch.tensor(MEAN) + torch.randn(n, 2) @ torch.tensor(CHOLESKY).T',
        ),
      );
    case 'moons':
      return code(
        `MOONS_NOISE = ${f(target.noise)}`,
        '# sklearn make_moons, centred and scaled so x spans [−2.5, 2.5].',
        `MOONS_CENTRE = ${listLiteral(target.centre, true)}`,
        `MOONS_SCALE = ${numberLiteral(target.scale)}`,
        '',
        '',
        def(
          'n points of two interleaving half-circles.',
          't = math.pi * torch.rand(n)',
          'upper = torch.rand(n) < 0.5',
          'x = torch.where(upper, torch.cos(t), 1 - torch.cos(t))',
          'y = torch.where(upper, torch.sin(t), 0.5 - torch.sin(t))',
          'moons = torch.stack([x, y], dim=1) - torch.tensor(MOONS_CENTRE) + MOONS_NOISE * torch.randn(n, 2)',
          'return MOONS_SCALE * moons',
        ),
      );
    case 'spiral':
      return code(
        `THETA_MIN, THETA_MAX = ${numberLiteral(target.thetaMin)}, ${numberLiteral(target.thetaMax)}  # π/2 to 3π`,
        `SPIRAL_RADIUS = ${f(target.radius)}`,
        `SPIRAL_NOISE = ${f(target.noise)}`,
        '',
        '',
        def(
          'n points of a two-arm Archimedean spiral r = aθ.',
          'a = SPIRAL_RADIUS / THETA_MAX',
          '# θ = √(uniform in θ²) spreads the points evenly along the arm.',
          'theta = torch.sqrt(THETA_MIN**2 + (THETA_MAX**2 - THETA_MIN**2) * torch.rand(n))',
          'angle = theta + math.pi * (torch.rand(n) >= 0.5)',
          'arm = torch.stack([torch.cos(angle), torch.sin(angle)], dim=1) * (a * theta)[:, None]',
          'return arm + SPIRAL_NOISE * torch.randn(n, 2)',
        ),
      );
    case 'circle':
      return code(
        `CIRCLE_RADIUS = ${f(target.radius)}`,
        `CIRCLE_NOISE = ${f(target.noise)}`,
        '',
        '',
        def(
          'n points spread evenly around a circle, with radial noise.',
          'angle = 2 * math.pi * torch.rand(n)',
          'radius = CIRCLE_RADIUS + CIRCLE_NOISE * torch.randn(n)',
          'return torch.stack([radius * torch.cos(angle), radius * torch.sin(angle)], dim=1)',
        ),
      );
    case 'line':
      return code(
        `LINE_START = ${listLiteral(target.start, true)}`,
        `LINE_END = ${listLiteral(target.end, true)}`,
        `LINE_NOISE = ${f(target.noise)}`,
        '',
        '',
        def(
          'n points spread evenly along a segment, with noise across it.',
          'start, end = torch.tensor(LINE_START), torch.tensor(LINE_END)',
          'direction = end - start',
          'normal = torch.stack([-direction[1], direction[0]]) / direction.norm()',
          't = torch.rand(n, 1)',
          'offset = LINE_NOISE * torch.randn(n, 1)',
          'return start + t * direction + offset * normal',
        ),
      );
    case 'gaussian':
      return code(
        `MEAN, STD = ${f(target.mean)}, ${f(target.std)}`,
        '',
        '',
        def('n points of N(MEAN, STD²).', 'return MEAN + STD * torch.randn(n, 1)'),
      );
    case 'uniform':
      return code(
        `LOW, HIGH = ${f(target.low)}, ${f(target.high)}`,
        '',
        '',
        def('n points of U(LOW, HIGH).', 'return LOW + (HIGH - LOW) * torch.rand(n, 1)'),
      );
    case 'exponential':
      return code(
        `RATE = ${f(target.rate)}`,
        '',
        '',
        def(
          'n points of the exponential law, by inversion (1 − U lies in (0, 1]).',
          'return -torch.log(1 - torch.rand(n, 1)) / RATE',
        ),
      );
    case 'lognormal':
      return code(
        `LOG_SIGMA = ${f(target.sigma)}`,
        '',
        '',
        def(
          'n points of exp(N(0, LOG_SIGMA²)).',
          'return torch.exp(LOG_SIGMA * torch.randn(n, 1))',
        ),
      );
    case 'points':
      return code(
        `POINTS = ${pointsLiteral(target.points, '', true)}`,
        '',
        '',
        def(
          'n of your points, drawn uniformly with replacement.',
          'return torch.tensor(POINTS)[torch.randint(len(POINTS), (n,))]',
        ),
      );
  }
}

function noiseCode(config: PlaygroundConfig): string {
  return config.noiseDistribution === 'gaussian'
    ? code(
        'def sample_noise(n):',
        '    """n noise vectors z ~ N(0, NOISE_SIGMA² I)."""',
        '    return NOISE_SIGMA * torch.randn(n, NOISE_DIM)',
      )
    : code(
        'def sample_noise(n):',
        '    """n noise vectors z ~ U(−√3σ, √3σ)^NOISE_DIM, whose standard deviation is σ = NOISE_SIGMA."""',
        '    return math.sqrt(3) * NOISE_SIGMA * (2 * torch.rand(n, NOISE_DIM) - 1)',
      );
}

const ACTIVATION_MODULES: Readonly<Record<Activation, string>> = {
  relu: '"relu": nn.ReLU,',
  leakyRelu: `"leakyRelu": lambda: nn.LeakyReLU(${LEAKY_RELU_SLOPE}),`,
  tanh: '"tanh": nn.Tanh,',
  elu: '"elu": nn.ELU,',
  // The browser's GELU is the tanh approximation ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
  gelu: '"gelu": lambda: nn.GELU(approximate="tanh"),',
};

/** The initialisation limit, with only the branches the config's activations reach. */
function initLimitCode(activations: ReadonlySet<Activation>): string {
  const rectifiers = [...activations].filter((a) => a !== 'tanh');
  const glorot = 'math.sqrt(6 / (fan_in + fan_out))';
  const he = activations.has('leakyRelu')
    ? code(
        `    slope = ${LEAKY_RELU_SLOPE} if activation == "leakyRelu" else 0.0`,
        '    return math.sqrt(6 / ((1 + slope**2) * fan_in))',
      )
    : '    return math.sqrt(6 / fan_in)';
  const glorotTest = activations.has('tanh')
    ? 'activation in ("linear", "tanh")'
    : 'activation == "linear"';
  return code(
    'def init_limit(fan_in, fan_out, activation):',
    '    """L of the uniform initialisation U(−L, L) of a layer feeding `activation`: Var = L²/3.',
    '',
    '    Glorot & Bengio 2010 (Var = 2 / (fan_in + fan_out)) for tanh and the linear output;',
    '    He et al. 2015 (Var = 2 / ((1 + a²) fan_in), a the negative slope) for rectifiers.',
    '    """',
    rectifiers.length === 0
      ? `    return ${glorot}`
      : code(`    if ${glorotTest}:`, `        return ${glorot}`, he),
  );
}

function networksCode(plan: ExportPlan): string {
  return code(
    'ACTIVATIONS = {',
    ...[...plan.activations].map((a) => `    ${ACTIVATION_MODULES[a]}`),
    '}',
    '',
    '',
    initLimitCode(plan.activations),
    '',
    '',
    'def make_mlp(sizes, activation):',
    '    """Dense layers of the given widths, `activation` after each hidden one, a linear output;',
    '    weights ~ U(−L, L) and zero biases, as the browser initialises them."""',
    '    layers = []',
    '    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):',
    '        layers += [nn.Linear(fan_in, fan_out), ACTIVATIONS[activation]()]',
    '    network = nn.Sequential(*layers[:-1])',
    '    linears = [layer for layer in network if isinstance(layer, nn.Linear)]',
    '    for i, linear in enumerate(linears):',
    '        feeds = "linear" if i == len(linears) - 1 else activation',
    '        limit = init_limit(linear.in_features, linear.out_features, feeds)',
    '        nn.init.uniform_(linear.weight, -limit, limit)',
    '        nn.init.zeros_(linear.bias)',
    '    return network',
  );
}

function mmdCode(): string {
  return code(
    'def mmd_squared(x, y, bandwidths):',
    '    """Unbiased MMD² between the laws of the rows of x and y (Gretton et al. 2012, eq. 3), with',
    '    the kernel k(u, v) = Σ_h exp(−‖u − v‖² / 2h²). The diagonal, k(x, x) = len(bandwidths),',
    '    is left out of the within-sample sums."""',
    '',
    '    def kernel_sum(a, b):',
    '        squared = (a[:, None, :] - b[None, :, :]).square().sum(-1)',
    '        return sum(torch.exp(-squared / (2 * h * h)) for h in bandwidths)',
    '',
    '    m, n, diagonal = len(x), len(y), len(bandwidths)',
    '    xx = (kernel_sum(x, x).sum() - m * diagonal) / (m * (m - 1))',
    '    yy = (kernel_sum(y, y).sum() - n * diagonal) / (n * (n - 1))',
    '    return xx + yy - 2 * kernel_sum(x, y).mean()',
  );
}

function discriminatorInputCode(plan: ExportPlan): string | null {
  if (!transformsDiscriminatorInput(plan)) return null;
  const doc =
    plan.instanceNoise > 0 && plan.packing > 1
      ? 'What the discriminator sees of a batch: instance noise (Sønderby et al. 2016), then packs of\n    PACKING consecutive samples (PacGAN, Lin et al. 2018); leftover samples are dropped.'
      : plan.instanceNoise > 0
        ? 'What the discriminator sees of a batch: the points plus instance noise (Sønderby et al. 2016).'
        : 'What the discriminator sees of a batch: packs of PACKING consecutive samples (PacGAN,\n    Lin et al. 2018); leftover samples are dropped.';
  return code(
    'def discriminator_input(x):',
    `    """${doc}"""`,
    plan.instanceNoise > 0 && '    x = x + INSTANCE_NOISE * torch.randn_like(x)',
    plan.packing > 1 && '    packs = len(x) // PACKING',
    plan.packing > 1
      ? '    return x[: packs * PACKING].reshape(packs, PACKING * DIM)'
      : '    return x',
  );
}

function gradientPenaltyCode(): string {
  return code(
    'def gradient_penalty(critic, real, fake):',
    '    """E (‖∇D(x̂)‖ − 1)² at x̂ = εx + (1 − ε)x̃, ε ~ U[0, 1] per sample (Gulrajani et al. 2017, eq. 3).',
    '    create_graph=True lets the optimiser differentiate the penalty again."""',
    '    epsilon = torch.rand(len(real), 1)',
    '    interpolates = (epsilon * real + (1 - epsilon) * fake).requires_grad_(True)',
    '    (gradient,) = torch.autograd.grad(critic(interpolates).sum(), interpolates, create_graph=True)',
    `    norm = torch.sqrt(gradient.square().sum(1) + ${numberLiteral(PENALTY_NORM_OFFSET)})`,
    '    return (norm - 1).square().mean()',
  );
}

/** The discriminator loss on outputs t_real, t_fake (and the inputs real, fake), per form. */
const DISCRIMINATOR_LOSS: Readonly<Record<DiscriminatorLossForm, readonly string[]>> = {
  crossEntropy: ['return F.softplus(-t_real).mean() + F.softplus(t_fake).mean()'],
  smoothedCrossEntropy: [
    'real_term = (1 - LABEL_SMOOTHING) * F.softplus(-t_real) + LABEL_SMOOTHING * F.softplus(t_real)',
    'return real_term.mean() + F.softplus(t_fake).mean()',
  ],
  leastSquares: ['return 0.5 * ((t_real - TARGET).square().mean() + t_fake.square().mean())'],
  hinge: ['return F.relu(1 - t_real).mean() + F.relu(1 + t_fake).mean()'],
  wassersteinPenalty: [
    'penalty = gradient_penalty(discriminator, real, fake)',
    'return t_fake.mean() - t_real.mean() + GRADIENT_PENALTY * penalty',
  ],
  wasserstein: ['return t_fake.mean() - t_real.mean()'],
};

/** The adversarial generator loss on t_fake = D(G(z)), per objective. */
const GENERATOR_LOSS: Readonly<Record<AdversarialObjective, string>> = {
  minimax: '-F.softplus(t_fake).mean()',
  nonSaturating: 'F.softplus(-t_fake).mean()',
  hybrid: 'F.softplus(-t_fake).mean()',
  leastSquares: '0.5 * (t_fake - 1).square().mean()',
  hinge: '-t_fake.mean()',
  wasserstein: '-t_fake.mean()',
};

function discriminatorLossLines(plan: ExportPlan): string[] {
  const form = discriminatorLossForm(plan);
  const target = plan.labelSmoothing > 0 ? '(1 - LABEL_SMOOTHING)' : '1';
  return [
    ...DISCRIMINATOR_LOSS_NOTES[form].map((note) => `# ${note}`),
    ...DISCRIMINATOR_LOSS[form].map((line) => line.replace('TARGET', target)),
  ];
}

function lossesCode(plan: ExportPlan): string {
  const input = (x: string): string =>
    transformsDiscriminatorInput(plan) ? `discriminator_input(${x})` : x;
  if (plan.discriminatorSizes === null) {
    return code(
      'def generator_loss(generator, z, real):',
      '    """MMD² between G(z) and a real batch (GMMN: Li et al. 2015; Dziugaite et al. 2015)."""',
      '    return mmd_squared(generator(z), real, MMD_BANDWIDTHS)',
    );
  }
  const mmdTerm = plan.mmdWeight > 0;
  const objective = adversarialObjective(plan);
  const note = `    # ${GENERATOR_LOSS_NOTES[objective]}`;
  const adversarial = GENERATOR_LOSS[objective];
  return code(
    'def discriminator_loss(discriminator, real, fake):',
    '    """L_D on a real and a generated batch."""',
    transformsDiscriminatorInput(plan) &&
      '    real, fake = discriminator_input(real), discriminator_input(fake)',
    '    t_real, t_fake = discriminator(real), discriminator(fake)',
    ...discriminatorLossLines(plan).map((line) => `    ${line}`),
    '',
    '',
    `def generator_loss(generator, discriminator, z${mmdTerm ? ', real' : ''}):`,
    mmdTerm
      ? '    """L_G + MMD_WEIGHT · MMD²(G(z), real): the kernel pulls on modes D ignores."""'
      : '    """L_G on a noise batch."""',
    '    fake = generator(z)',
    `    t_fake = discriminator(${input('fake')})`,
    mmdTerm
      ? code(
          note,
          `    adversarial = ${adversarial}`,
          '    return adversarial + MMD_WEIGHT * mmd_squared(fake, real, MMD_BANDWIDTHS)',
        )
      : code(note, `    return ${adversarial}`),
  );
}

function rmspropCode(): string {
  return code(
    'class RMSprop(torch.optim.Optimizer):',
    '    """RMSprop with momentum as tf.train.rmsprop computes it (uncentred):',
    '        s ← ρ s + (1 − ρ) g²,  u ← μ u + lr · g / √(s + ε),  w ← w − u.',
    '    Written out because torch.optim.RMSprop adds ε outside the root, √s + ε."""',
    '',
    `    def __init__(self, params, lr, momentum, decay=${RMSPROP_DECAY}, eps=EPSILON):`,
    '        super().__init__(params, dict(lr=lr, momentum=momentum, decay=decay, eps=eps))',
    '',
    '    @torch.no_grad()',
    '    def step(self):',
    '        for group in self.param_groups:',
    '            for p in group["params"]:',
    '                if p.grad is None:',
    '                    continue',
    '                state = self.state[p]',
    '                if not state:',
    '                    state["mean_square"] = torch.zeros_like(p)',
    '                    state["moment"] = torch.zeros_like(p)',
    '                mean_square, moment = state["mean_square"], state["moment"]',
    '                mean_square.mul_(group["decay"]).addcmul_(p.grad, p.grad, value=1 - group["decay"])',
    '                step = group["lr"] * p.grad / (mean_square + group["eps"]).sqrt()',
    '                moment.mul_(group["momentum"]).add_(step)',
    '                p.sub_(moment)',
  );
}

/** `name = Optimizer(...)`, its arguments on a line of their own. */
function optimizerStatement(name: string, optimizer: OptimizerPlan, network: string): string {
  const lr = `lr=${f(optimizer.learningRate)}`;
  const [optimizerClass, settings] =
    optimizer.kind === 'adam'
      ? ['torch.optim.Adam', `betas=(${f(optimizer.beta1)}, ${f(optimizer.beta2)}), eps=EPSILON`]
      : [
          optimizer.kind === 'sgd' ? 'torch.optim.SGD' : 'RMSprop',
          `momentum=${f(optimizer.momentum)}`,
        ];
  const args = `${network}.parameters(), ${lr}, ${settings}`;
  const oneLine = `    ${name} = ${optimizerClass}(${args})`;
  return oneLine.length <= 100
    ? oneLine
    : code(`    ${name} = ${optimizerClass}(`, `        ${args}`, '    )');
}

/** Comments on why torch's optimisers are the browser's, once per kind used. */
function optimizerNotes(kinds: ReadonlySet<OptimizerPlan['kind']>): string[] {
  return [
    ...(kinds.has('adam')
      ? ['# torch.optim.Adam with eps=EPSILON is tf.train.adam exactly: both add ε to √v̂.']
      : []),
    ...(kinds.has('sgd')
      ? [
          '# torch.optim.SGD with momentum (no dampening, not Nesterov) is tf.train.momentum:',
          '# a ← μa + g, w ← w − lr·a.',
        ]
      : []),
  ];
}

function plotCode(dimension: 1 | 2): string {
  const draw =
    dimension === 2
      ? [
          '    ax.scatter(real[:, 0], real[:, 1], s=2, alpha=0.4, label="real")',
          '    ax.scatter(generated[:, 0], generated[:, 1], s=2, alpha=0.4, label="generated")',
          '    ax.set_aspect("equal")',
        ]
      : [
          '    ax.hist(real[:, 0], bins=80, density=True, alpha=0.5, label="real")',
          '    ax.hist(generated[:, 0], bins=80, density=True, alpha=0.5, label="generated")',
        ];
  return code(
    'def plot(generator, path):',
    '    """Real and generated points side by side, saved to `path` (needs matplotlib)."""',
    '    try:',
    '        import matplotlib',
    '',
    '        matplotlib.use("Agg")',
    '        import matplotlib.pyplot as plt',
    '    except ImportError:',
    '        print("matplotlib is not installed: no plot")',
    '        return',
    '    with torch.no_grad():',
    '        generated = generator(sample_noise(2000)).cpu().numpy()',
    '    real = sample_real(2000).cpu().numpy()',
    '    fig, ax = plt.subplots(figsize=(5, 5))',
    ...draw,
    '    ax.legend()',
    '    fig.savefig(path, dpi=150)',
    '    print(f"saved {path}")',
  );
}

function trainingCode(plan: ExportPlan): string {
  const { config } = plan;
  const hasD = plan.discriminatorSizes !== null;
  const kinds = new Set([plan.generatorOptimizer.kind]);
  if (plan.discriminatorOptimizer !== null) kinds.add(plan.discriminatorOptimizer.kind);
  const generatorArgs = hasD
    ? `generator, discriminator, sample_noise(BATCH_SIZE)${plan.mmdWeight > 0 ? ', real_batch()' : ''}`
    : 'generator, sample_noise(BATCH_SIZE), real_batch()';
  const dLog = hasD ? '  D loss {d_total / (count * D_STEPS):8.4f}' : '';
  return code(
    '@torch.no_grad()',
    'def evaluate(generator):',
    '    """Unbiased MMD² (one Gaussian kernel, KERNEL_BANDWIDTH) between fresh generated and real',
    '    points, in float64, as the playground reports it."""',
    '    generated = generator(sample_noise(EVALUATION_SIZE)).double()',
    '    real = sample_real(EVALUATION_SIZE).double()',
    '    return mmd_squared(generated, real, [KERNEL_BANDWIDTH]).item()',
    '',
    '',
    'def main():',
    '    parser = argparse.ArgumentParser(description="Train the exported GAN Playground experiment.")',
    `    parser.add_argument("--iterations", type=int, default=${plan.iterations}, help="training iterations")`,
    '    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")',
    '    parser.add_argument("--plot", default="gan.png", help="where to save the final plot")',
    '    args = parser.parse_args()',
    '    torch.set_default_device(args.device)',
    '    torch.manual_seed(SEED)',
    '',
    `    generator = make_mlp([NOISE_DIM, ${config.generatorLayers.join(', ')}, DIM], "${config.generatorActivation}")`,
    hasD &&
      `    discriminator = make_mlp([${plan.packing > 1 ? 'PACKING * DIM' : 'DIM'}, ${config.discriminatorLayers.join(', ')}, 1], "${config.discriminatorActivation}")`,
    ...optimizerNotes(kinds).map((line) => `    ${line}`),
    optimizerStatement('generator_optimizer', plan.generatorOptimizer, 'generator'),
    plan.discriminatorOptimizer !== null &&
      optimizerStatement('discriminator_optimizer', plan.discriminatorOptimizer, 'discriminator'),
    '',
    '    atlas = sample_real(ATLAS_SIZE)',
    '',
    '    def real_batch():',
    '        return atlas[torch.randint(ATLAS_SIZE, (BATCH_SIZE,))]',
    '',
    '    print(f"MMD² before training: {evaluate(generator):.6f}")',
    '    log_every = max(1, args.iterations // 20)',
    hasD ? '    d_total, g_total, count = 0.0, 0.0, 0' : '    g_total, count = 0.0, 0',
    '    for iteration in range(1, args.iterations + 1):',
    hasD &&
      code(
        '        for _ in range(D_STEPS):',
        '            # G(z) without a graph: a discriminator step does not differentiate through G.',
        '            with torch.no_grad():',
        '                fake = generator(sample_noise(BATCH_SIZE))',
        '            d_loss = discriminator_loss(discriminator, real_batch(), fake)',
        '            discriminator_optimizer.zero_grad()',
        '            d_loss.backward()',
        '            discriminator_optimizer.step()',
        '            d_total += d_loss.item()',
      ),
    `        g_loss = generator_loss(${generatorArgs})`,
    '        generator_optimizer.zero_grad()',
    '        g_loss.backward()',
    '        generator_optimizer.step()',
    '        g_total += g_loss.item()',
    '        count += 1',
    '        if iteration % log_every == 0 or iteration == args.iterations:',
    `            print(f"iteration {iteration:6d}${dLog}  G loss {g_total / count:8.4f}")`,
    hasD
      ? '            d_total, g_total, count = 0.0, 0.0, 0'
      : '            g_total, count = 0.0, 0',
    '',
    '    print(f"final MMD² (h = {KERNEL_BANDWIDTH}): {evaluate(generator):.6f}")',
    '    plot(generator, args.plot)',
  );
}

/**
 * A runnable Python 3 + PyTorch script that reproduces the experiment of `config` (and the
 * user's points, for the 'points' data set): `python gan.py --iterations N`.
 */
export function pytorchScript(
  config: PlaygroundConfig,
  points: UserPoints | null = null,
  options: ExportOptions = {},
): string {
  const plan = exportPlan(config, points, options);
  const kinds = [plan.generatorOptimizer.kind, plan.discriminatorOptimizer?.kind];
  const needsEpsilon = kinds.includes('adam') || kinds.includes('rmsprop');
  // softplus and relu: the cross-entropy and hinge losses.
  const usesF = ['minimax', 'nonSaturating', 'hybrid', 'hinge'].includes(config.objective);
  const header = headerLines(
    plan,
    'a PyTorch script',
    ['pip install torch numpy', `python gan.py --iterations ${plan.iterations}`],
    [
      'It needs torch 2.0 or later, and runs on the GPU when there is one (--device cpu to',
      'choose); with matplotlib installed it also saves a plot of real and generated points.',
    ],
  );
  const section = (title: string): string => sectionRule('#', title);
  const blocks = [
    code('#!/usr/bin/env python3', `"""${header.join('\n').trimEnd()}\n"""`),
    code(
      'import argparse',
      'import math',
      '',
      'import torch',
      usesF && 'import torch.nn.functional as F',
      'from torch import nn',
    ),
    settingsBlock(
      plan,
      (s) =>
        `${s.name} = ${typeof s.value === 'number' ? numberLiteral(s.value, s.float) : listLiteral(s.value, s.float)}`,
      '#',
      needsEpsilon
        ? [
            {
              name: 'EPSILON',
              value: TFJS_EPSILON,
              float: true,
              comment: "tf.train's ε in float32",
            },
          ]
        : [],
    ),
    code(section('data'), '', targetCode(plan.target)),
    noiseCode(config),
    code(section('networks'), '', networksCode(plan)),
    code(section('objective'), '', mmdCode()),
    discriminatorInputCode(plan),
    plan.penaltyWeight > 0 && gradientPenaltyCode(),
    lossesCode(plan),
    kinds.includes('rmsprop') && code(section('optimisers'), '', rmspropCode()),
    code(section('training'), '', trainingCode(plan)),
    plotCode(plan.dimension),
    code('if __name__ == "__main__":', '    main()'),
  ];
  return joinBlocks(blocks, 2);
}
