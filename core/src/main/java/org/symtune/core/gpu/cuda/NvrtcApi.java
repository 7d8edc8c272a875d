package org.symtune.core.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.symtune.core.gpu.cuda.NativeFunction.optional;
import static org.symtune.core.gpu.cuda.NativeFunction.required;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * The functions of NVRTC ({@code libnvrtc.so}) that symtune calls. All but {@code nvrtcGetErrorString}
 * return an {@code nvrtcResult} ({@code int}, 0 on success); {@code nvrtcProgram} is a pointer.
 */
final class NvrtcApi {
    private static final ValueLayout.OfInt RESULT = JAVA_INT;
    private static final ValueLayout.OfInt INT = JAVA_INT;
    private static final AddressLayout PTR = ADDRESS;

    static final NativeFunction VERSION = required("nvrtcVersion", RESULT, PTR, PTR);
    static final NativeFunction GET_ERROR_STRING = required("nvrtcGetErrorString", PTR, INT);
    /** {@code (nvrtcProgram* prog, const char* src, const char* name, int numHeaders, headers, includeNames)}. */
    static final NativeFunction CREATE_PROGRAM = required("nvrtcCreateProgram", RESULT, PTR, PTR, PTR, INT, PTR, PTR);
    static final NativeFunction DESTROY_PROGRAM = required("nvrtcDestroyProgram", RESULT, PTR);
    static final NativeFunction COMPILE_PROGRAM = required("nvrtcCompileProgram", RESULT, PTR, INT, PTR);
    static final NativeFunction GET_PROGRAM_LOG_SIZE = required("nvrtcGetProgramLogSize", RESULT, PTR, PTR);
    static final NativeFunction GET_PROGRAM_LOG = required("nvrtcGetProgramLog", RESULT, PTR, PTR);
    static final NativeFunction GET_PTX_SIZE = required("nvrtcGetPTXSize", RESULT, PTR, PTR);
    static final NativeFunction GET_PTX = required("nvrtcGetPTX", RESULT, PTR, PTR);
    static final NativeFunction ADD_NAME_EXPRESSION = required("nvrtcAddNameExpression", RESULT, PTR, PTR);
    static final NativeFunction GET_LOWERED_NAME = required("nvrtcGetLoweredName", RESULT, PTR, PTR, PTR);
    /** Since CUDA 11.2. */
    static final NativeFunction GET_NUM_SUPPORTED_ARCHS = optional("nvrtcGetNumSupportedArchs", RESULT, PTR);
    /** Since CUDA 11.2. */
    static final NativeFunction GET_SUPPORTED_ARCHS = optional("nvrtcGetSupportedArchs", RESULT, PTR);

    /** Every function above, in the order they are bound. */
    static final List<NativeFunction> ALL = List.of(VERSION, GET_ERROR_STRING, CREATE_PROGRAM, DESTROY_PROGRAM,
            COMPILE_PROGRAM, GET_PROGRAM_LOG_SIZE, GET_PROGRAM_LOG, GET_PTX_SIZE, GET_PTX, ADD_NAME_EXPRESSION,
            GET_LOWERED_NAME, GET_NUM_SUPPORTED_ARCHS, GET_SUPPORTED_ARCHS);

    static final int NVRTC_SUCCESS = 0;
    static final int NVRTC_ERROR_COMPILATION = 6;
    static final int NVRTC_ERROR_BUILTIN_OPERATION_FAILURE = 7;

    private NvrtcApi() {
    }
}
