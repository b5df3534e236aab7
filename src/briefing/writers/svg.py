"""A chart's inline <svg>, from the rendered HTML, drawn as a PNG for Word.

The PDF keeps the chart as vectors; Word needs a picture. Drawing is cached by the SVG's
text, since the same chart recurs across builds and languages.
"""

from __future__ import annotations

import base64
import functools
from typing import Any

from lxml import etree

from ..errors import TemplateProblem

Element = Any  # an lxml.html element; lxml ships no type information

_SVG_NS, _XLINK_NS = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
# libxml2's HTML parser lowercases names, but SVG's are case-sensitive (viewBox): these
# are the mixed-case names of the HTML standard's "adjust SVG" tables, to restore them.
_SVG_MIXED_CASE = """altGlyph altGlyphDef altGlyphItem animateColor animateMotion
    animateTransform clipPath feBlend feColorMatrix feComponentTransfer feComposite
    feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood
    feFuncA feFuncB feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode feMorphology
    feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence foreignObject
    glyphRef linearGradient radialGradient textPath attributeName attributeType
    baseFrequency baseProfile calcMode clipPathUnits diffuseConstant edgeMode filterUnits
    gradientTransform gradientUnits kernelMatrix kernelUnitLength keyPoints keySplines
    keyTimes lengthAdjust limitingConeAngle markerHeight markerUnits markerWidth
    maskContentUnits maskUnits numOctaves pathLength patternContentUnits patternTransform
    patternUnits pointsAtX pointsAtY pointsAtZ preserveAlpha preserveAspectRatio
    primitiveUnits refX refY repeatCount repeatDur requiredExtensions requiredFeatures
    specularConstant specularExponent spreadMethod startOffset stdDeviation stitchTiles
    surfaceScale systemLanguage tableValues targetX targetY textLength viewBox viewTarget
    xChannelSelector yChannelSelector zoomAndPan"""
_SVG_NAMES = {name.lower(): name for name in _SVG_MIXED_CASE.split()}


def image_bytes(url: str) -> bytes:
    """A PNG or JPEG from a data: URL, an SVG drawn as PNG; nothing is fetched."""
    header, _, payload = url.partition(",")
    if not header.startswith("data:image/") or not header.endswith(";base64"):
        raise TemplateProblem(
            f"the DOCX writer takes images as base64 data: URLs only (got {url[:40]!r})"
        )
    data = base64.b64decode(payload)
    return _drawn(data) if header.startswith("data:image/svg+xml") else data


@functools.lru_cache(maxsize=8)
def _drawn(svg: bytes) -> bytes:
    import cairosvg

    try:
        png: bytes = cairosvg.svg2png(bytestring=svg, scale=2)
    except Exception as exc:  # cairosvg raises many types for a drawing it cannot read
        raise TemplateProblem(f"the DOCX writer cannot draw an SVG image: {exc}") from exc
    return png


def chart_png(svg: Element) -> bytes:
    """The inline <svg> element drawn as a PNG at twice its size."""
    return _png(_svg_xml(svg))


@functools.lru_cache(maxsize=64)
def _png(svg: str) -> bytes:
    """The chart drawn at twice its size, cached: the same chart recurs across builds."""
    import cairosvg  # imported on first chart: commands that draw none never pay for it

    try:
        # cairosvg's default fetcher reads data: URLs only, so no file or network is touched.
        png: bytes = cairosvg.svg2png(bytestring=svg.encode(), scale=2)
    except Exception as exc:  # cairosvg raises many types for a drawing it cannot read
        raise TemplateProblem(f"the DOCX writer cannot draw a chart: {exc}") from exc
    return png


def _svg_xml(svg: Element) -> str:
    """An inline <svg> as a standalone SVG document, with the case of its names restored."""
    root = etree.Element(f"{{{_SVG_NS}}}svg", nsmap={None: _SVG_NS, "xlink": _XLINK_NS})
    _copy_svg(svg, root)
    return str(etree.tostring(root, encoding="unicode"))


def _copy_svg(source: Element, copy: Any) -> None:
    for name, value in source.attrib.items():
        prefix, _, local = name.rpartition(":")
        if name == "xmlns" or prefix == "xmlns":
            continue  # the copy declares its namespaces itself
        if prefix not in ("", "xlink", "xml"):
            raise TemplateProblem(f"the chart's attribute {name!r} is unknown (in <{source.tag}>)")
        namespace = {"xlink": f"{{{_XLINK_NS}}}", "xml": f"{{{_XML_NS}}}"}.get(prefix, "")
        copy.set(namespace + _SVG_NAMES.get(local, local), value)
    copy.text = source.text
    for child in source:
        if isinstance(child.tag, str):
            tag = _SVG_NAMES.get(child.tag, child.tag)
            _copy_svg(child, etree.SubElement(copy, f"{{{_SVG_NS}}}{tag}"))
            copy[-1].tail = child.tail
        elif len(copy):  # a comment: keep the text after it
            copy[-1].tail = (copy[-1].tail or "") + (child.tail or "")
        else:
            copy.text = (copy.text or "") + (child.tail or "")
