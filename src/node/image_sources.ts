/**
 * Where the paper's image data sets (Fairbank et al. 2022, section 5.2) come from, and
 * the checksums that prove a copy is the real thing.
 *
 * Archive MD5s are the ones torchvision and TensorFlow Datasets publish for the same URLs.
 * The Fashion-MNIST `rawSha256`s are of the DECOMPRESSED IDX files, computed from Debian's
 * `dataset-fashion-mnist` package (whose .gz files are recompressed, so their MD5s differ
 * from upstream's while the contents are identical).
 */

/** The image data sets {@link loadImageDataset} knows. */
export type ImageDatasetName = 'mnist' | 'fashion-mnist' | 'cifar10' | 'cifar100';

/** One file of an IDX data set: its name, published MD5, and optionally the sha256 of its contents. */
export interface IdxFileSource {
  file: string;
  md5: string;
  rawSha256?: string;
}

/** MNIST-style data sets: four gzipped IDX files in one URL directory. */
export interface IdxSource {
  kind: 'idx';
  title: string;
  /** URL directories (ending in '/'), primary first. */
  baseUrls: readonly string[];
  trainImages: IdxFileSource;
  trainLabels: IdxFileSource;
  testImages: IdxFileSource;
  testLabels: IdxFileSource;
  labelNames: readonly string[];
}

/** CIFAR-style data sets: one .tar.gz holding a directory of binary batches. */
export interface CifarSource {
  kind: 'cifar10' | 'cifar100';
  title: string;
  baseUrls: readonly string[];
  archive: string;
  md5: string;
  /** The directory the archive unpacks to. */
  topDir: string;
  trainFiles: readonly string[];
  testFiles: readonly string[];
}

export type ImageSource = IdxSource | CifarSource;

/** Pinned sha256 of the decompressed Fashion-MNIST IDX files (from Debian's copies). */
export const FASHION_MNIST_RAW_SHA256 = {
  'train-images-idx3-ubyte': 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
  'train-labels-idx1-ubyte': 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
  't10k-images-idx3-ubyte': '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
  't10k-labels-idx1-ubyte': '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
} as const;

const fashion = (stem: keyof typeof FASHION_MNIST_RAW_SHA256, md5: string): IdxFileSource => ({
  file: `${stem}.gz`,
  md5,
  rawSha256: FASHION_MNIST_RAW_SHA256[stem],
});

/** The canonical sources, by data set name. */
export const IMAGE_SOURCES: Readonly<Record<ImageDatasetName, ImageSource>> = {
  mnist: {
    kind: 'idx',
    title: 'MNIST',
    // yann.lecun.com now refuses downloads; these are the mirrors torchvision uses.
    baseUrls: ['https://ossci-datasets.s3.amazonaws.com/mnist/', 'https://storage.googleapis.com/cvdf-datasets/mnist/'],
    trainImages: { file: 'train-images-idx3-ubyte.gz', md5: 'f68b3c2dcbeaaa9fbdd348bbdeb94873' },
    trainLabels: { file: 'train-labels-idx1-ubyte.gz', md5: 'd53e105ee54ea40749a09fcbcd1e9432' },
    testImages: { file: 't10k-images-idx3-ubyte.gz', md5: '9fb629c4189551a2d022fa330f9573f3' },
    testLabels: { file: 't10k-labels-idx1-ubyte.gz', md5: 'ec29112dd5afa0611ce80d1b7f02629c' },
    labelNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  },
  'fashion-mnist': {
    kind: 'idx',
    title: 'Fashion-MNIST',
    baseUrls: ['http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/'],
    trainImages: fashion('train-images-idx3-ubyte', '8d4fb7e6c68d591d4c3dfef9ec88bf0d'),
    trainLabels: fashion('train-labels-idx1-ubyte', '25c81989df183df01b3e8a0aad5dffbe'),
    testImages: fashion('t10k-images-idx3-ubyte', 'bef4ecab320f06d8554ea6380940ec79'),
    testLabels: fashion('t10k-labels-idx1-ubyte', 'bb300cfdad3c16e7a12a480ee83cd310'),
    // Class names from the Fashion-MNIST README (zalandoresearch/fashion-mnist).
    labelNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  },
  cifar10: {
    kind: 'cifar10',
    title: 'CIFAR-10',
    baseUrls: ['https://www.cs.toronto.edu/~kriz/'],
    archive: 'cifar-10-binary.tar.gz',
    md5: 'c32a1d4ab5d03f1284b67883e8d87530',
    topDir: 'cifar-10-batches-bin',
    trainFiles: ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'],
    testFiles: ['test_batch.bin'],
  },
  cifar100: {
    kind: 'cifar100',
    title: 'CIFAR-100',
    baseUrls: ['https://www.cs.toronto.edu/~kriz/'],
    archive: 'cifar-100-binary.tar.gz',
    md5: '03b5dce01913d631647c71ecec9e9cb8',
    topDir: 'cifar-100-binary',
    trainFiles: ['train.bin'],
    testFiles: ['test.bin'],
  },
};

/** `file` resolved against each base URL (`baseUrl` replaces them all when given). */
export function sourceUrls(baseUrls: readonly string[], file: string, baseUrl?: string): string[] {
  const bases = baseUrl ? [baseUrl] : baseUrls;
  return bases.map((b) => new URL(file, b.endsWith('/') ? b : `${b}/`).toString());
}
