"""Compiles exported PyTorch scripts and reports what each defines and uses, as JSON.

Usage: python3 inspect_scripts.py FILE...  (no torch needed: nothing is run)

For each file: whether py_compile accepts it, the top-level functions and classes, the
module-level constants whose values are literals, the attribute names it uses (e.g. "Adam",
"LeakyReLU"), the keys of its ACTIVATIONS table, and the names it reads that nothing binds
(a misspelt or missing constant would show up there).
"""

import ast
import builtins
import json
import py_compile
import sys


def bound_names(tree):
    """Every name the file binds anywhere: assignments, parameters, imports, loop targets..."""
    names = set(dir(builtins))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def constants(tree):
    """Module-level NAME = literal (and NAME1, NAME2 = literal, literal) assignments."""
    found = {}
    for node in tree.body:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target = node.targets[0]
        try:
            value = ast.literal_eval(node.value)
        except ValueError:
            value = None
        if isinstance(target, ast.Name):
            found[target.id] = value
        elif isinstance(target, ast.Tuple) and isinstance(value, tuple):
            for element, item in zip(target.elts, value):
                if isinstance(element, ast.Name):
                    found[element.id] = item
    return found


def activation_keys(tree):
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == "ACTIVATIONS"
            and isinstance(node.value, ast.Dict)
        ):
            return [ast.literal_eval(key) for key in node.value.keys]
    return None


def inspect(path):
    try:
        py_compile.compile(path, doraise=True)
    except py_compile.PyCompileError as error:
        return {"compiles": False, "error": str(error)}
    with open(path, encoding="utf-8") as file:
        tree = ast.parse(file.read(), path)
    bound = bound_names(tree)
    loaded = {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }
    return {
        "compiles": True,
        "functions": sorted(
            node.name for node in tree.body if isinstance(node, ast.FunctionDef)
        ),
        "classes": sorted(node.name for node in tree.body if isinstance(node, ast.ClassDef)),
        "constants": constants(tree),
        "attributes": sorted(
            {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
        ),
        "activations": activation_keys(tree),
        "unbound": sorted(loaded - bound),
        "docstring": ast.get_docstring(tree),
    }


if __name__ == "__main__":
    json.dump({path: inspect(path) for path in sys.argv[1:]}, sys.stdout)
