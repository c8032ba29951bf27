import {
  AmbientLight,
  Box3,
  Color,
  DirectionalLight,
  PerspectiveCamera,
  Scene,
  Vector3,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';

/**
 * Shows a binary glTF model in `host`: one finger turns it, two fingers zoom. It turns slowly
 * by itself until the visitor touches it. Renders only while on screen, to spare the battery.
 */
export async function mountModel(host: HTMLElement, url: string): Promise<void> {
  const gltf = await new GLTFLoader().loadAsync(url);
  const renderer = new WebGLRenderer({ antialias: true, alpha: true });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
  const scene = new Scene();
  scene.add(new AmbientLight(new Color('#ffffff'), 1.2));
  const sun = new DirectionalLight(new Color('#fff4e0'), 2.4);
  sun.position.set(3, 5, 4);
  scene.add(sun);

  const box = new Box3().setFromObject(gltf.scene);
  const size = box.getSize(new Vector3());
  gltf.scene.position.sub(box.getCenter(new Vector3()));
  scene.add(gltf.scene);
  const radius = Math.max(size.x, size.y, size.z) || 1;
  const camera = new PerspectiveCamera(35, 1, radius / 100, radius * 50);
  camera.position.set(0, radius * 0.35, radius * 2.6);

  const controls = new OrbitControls(camera, renderer.domElement);
  controls.enablePan = false;
  controls.enableDamping = true;
  controls.autoRotate = true;
  controls.autoRotateSpeed = 1.5;
  controls.minDistance = radius * 0.8;
  controls.maxDistance = radius * 6;
  controls.addEventListener('start', () => {
    controls.autoRotate = false;
  });

  host.replaceChildren(renderer.domElement);
  const resize = () => {
    renderer.setSize(host.clientWidth, host.clientHeight, false);
    camera.aspect = host.clientWidth / Math.max(1, host.clientHeight);
    camera.updateProjectionMatrix();
  };
  resize();
  new ResizeObserver(resize).observe(host);

  let visible = true;
  new IntersectionObserver(([entry]) => {
    visible = entry?.isIntersecting ?? true;
  }).observe(host);
  renderer.setAnimationLoop(() => {
    if (!visible) return;
    controls.update();
    renderer.render(scene, camera);
  });
}
