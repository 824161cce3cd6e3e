"""What the embedded store refuses rather than answering wrongly."""
from bson.regex import Regex

from errors import unsupported

REFUSED_QUERY_OPERATORS = {
    '$where', '$text', '$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$function',
    '$accumulator', '$jsonSchema', '$meta', '$natural',
}
SUPPORTED_STAGES = {
    '$match', '$group', '$sort', '$project', '$unwind', '$facet', '$lookup', '$limit', '$skip',
    '$count', '$addFields', '$set', '$replaceRoot', '$sample', '$bucket',
}
REFUSED_OPTIONS = ('collation', 'let', 'arrayFilters', 'runtimeConstants', 'tailable', 'awaitData',
                   'returnKey', 'showRecordId', 'min', 'max', 'explain', 'encryptionInformation')


def check_options(document, context):
    for option in REFUSED_OPTIONS:
        if document.get(option) not in (None, {}, []):
            raise unsupported('%s (in %s)' % (option, context))


def check_filter(value):
    """Walks a filter (or expression) and refuses operators mongomock lacks or gets wrong."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in REFUSED_QUERY_OPERATORS:
                raise unsupported('the %s operator' % key)
            check_filter(inner)
    elif isinstance(value, list):
        for inner in value:
            check_filter(inner)
    elif isinstance(value, Regex):
        try:
            value.try_compile()
        except Exception:
            raise unsupported('the regular expression /%s/%s' % (value.pattern, value.flags))


def check_pipeline(pipeline):
    if not isinstance(pipeline, list):
        raise unsupported('a non-array pipeline')
    for stage in pipeline:
        if not isinstance(stage, dict) or len(stage) != 1:
            raise unsupported('an aggregation stage with %d fields' % len(stage))
        name, spec = next(iter(stage.items()))
        if name not in SUPPORTED_STAGES:
            raise unsupported('the %s aggregation stage' % name)
        if name == '$facet':
            for sub_pipeline in spec.values():
                check_pipeline(sub_pipeline)
        elif name == '$lookup' and ('pipeline' in spec or 'let' in spec):
            raise unsupported('$lookup with let/pipeline (use localField/foreignField)')
        elif name == '$match':
            check_filter(spec)


def check_sort(sort):
    for key, direction in (sort or {}).items():
        if direction not in (1, -1):
            raise unsupported('sorting %s by %r' % (key, direction))
